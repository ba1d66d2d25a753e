import type { EndReason } from '../../auth/session-store.js';

/** What the sign-in page says about how the last session ended. */
export function endReasonText(reason: EndReason | null): string | null {
  switch (reason) {
    case 'deactivated':
      return 'Your account was deactivated. This workspace’s data was removed from this device.';
    case 'session-ended':
      return 'Your session ended. Sign in again to continue: your changes on this device are kept and sent once you do.';
    case 'signed-out':
      return 'You signed out. This workspace’s data was removed from this device.';
    case null:
      return null;
  }
}
