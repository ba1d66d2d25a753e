import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiErrorCode } from '../../../shared/api/schemas.js';
import type { RefusalCode } from '../../../shared/approvals/state.js';

/** What a refusal for an unreachable rate-limit store asks the client to wait. */
const LIMITS_RETRY_SECONDS = 5;

/** An API error code, or an approval action's refusal code [APPR22]. */
type Code = (typeof ApiErrorCode)[keyof typeof ApiErrorCode] | RefusalCode;

/** A refusal with an HTTP status and an ApiError body; routes turn it into JSON. */
export class ApiFailure extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: Code,
    message: string,
    readonly retryAfterSeconds?: number,
    /** More fields of the error body, e.g. a quota's scope, use and limit [QUOTA1]. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const fail = {
  unauthenticated: (message = 'sign in first') =>
    new ApiFailure(401, ApiErrorCode.unauthenticated, message),
  deactivated: () => new ApiFailure(401, ApiErrorCode.deactivated, 'this account was deactivated'),
  forbidden: (message: string) => new ApiFailure(403, ApiErrorCode.forbidden, message),
  notFound: (what: string) => new ApiFailure(404, ApiErrorCode.notFound, `${what} not found`),
  invalid: (message: string) => new ApiFailure(400, ApiErrorCode.invalidInput, message),
  conflict: (message: string) => new ApiFailure(409, ApiErrorCode.conflict, message),
  storageFull: (message: string) => new ApiFailure(507, ApiErrorCode.storageFull, message),
  /** A limit could not be checked (its store is unreachable): refused, never let through. */
  limitsUnavailable: () =>
    new ApiFailure(
      503,
      ApiErrorCode.unavailable,
      'the relay cannot check its rate limits right now; try again later',
      LIMITS_RETRY_SECONDS,
    ),
};
