import type { Refusal } from '../../../shared/approvals/state.js';
import { ApiFailure } from '../auth/api-failure.js';

/**
 * A refused action as an HTTP answer: the [APPR22] code as the error code, 409 (400
 * for a malformed action), nothing appended.
 */
export function refusal({ code, message }: Refusal): ApiFailure {
  return new ApiFailure(code === 'malformed' ? 400 : 409, code, message);
}
