/**
 * The last boundary [BAD8]. Every request and frame is handled inside its own
 * try/catch or promise chain; what still escapes is a bug, and the policy differs:
 *
 * - An unhandled promise rejection means some async path forgot its catch. Node
 *   ends the process for it by default, which turns one bad request into an
 *   outage for everyone. The state it leaves is the state of a failed request, so
 *   the relay logs it and keeps serving.
 * - An uncaught exception thrown synchronously may have left shared state (a room,
 *   a transaction) half-updated. The relay logs it, stores what it can through the
 *   normal shutdown, and exits non-zero for the supervisor to restart it.
 */
import type { Logger } from './logger.js';

export function installProcessGuards(log: Logger, shutdown: (code: number) => void): void {
  process.on('unhandledRejection', (reason) => {
    log.error('unhandled rejection (relay keeps serving) [BAD8]', { error: reason });
  });
  process.on('uncaughtException', (error) => {
    log.error('uncaught exception: shutting down [BAD8]', { error });
    shutdown(1);
  });
}
