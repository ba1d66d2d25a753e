import { ApiErrorCode } from '../../../../shared/api/schemas.js';
import { ApiFailure } from '../../auth/api-failure.js';

/** What the invite page says when its link cannot be used. */
export function inviteFailureText(error: unknown): string {
  if (error instanceof ApiFailure) {
    if (error.code === ApiErrorCode.inviteInvalid || error.code === ApiErrorCode.notFound) {
      return 'This invite link has expired, was revoked, or has already been used. Ask an admin of the workspace for a new one.';
    }
    return error.message;
  }
  return error instanceof Error ? error.message : 'This invite link cannot be used.';
}
