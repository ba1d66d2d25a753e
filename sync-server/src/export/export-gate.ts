import { ApiFailure } from '../auth/api-failure.js';
import { ApiErrorCode } from '../../../shared/api/schemas.js';

/** What a refused export asks the client to wait before trying again. */
export const EXPORT_RETRY_SECONDS = 30;

/**
 * Exports are heavy (they read every room they hold), so this relay runs at most one
 * whole-workspace export at a time and one personal export per person [EXPORT7].
 * The count is this relay's: with several relays each may run one.
 */
export class ExportGate {
  private readonly running = new Set<string>();

  /** Takes the slot of `key` or refuses with 429; the caller calls the release when done. */
  enter(key: string): () => void {
    if (this.running.has(key))
      throw new ApiFailure(
        429,
        ApiErrorCode.rateLimited,
        'an export is already running; try again when it has finished',
        EXPORT_RETRY_SECONDS,
      );
    this.running.add(key);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running.delete(key);
    };
  }
}
