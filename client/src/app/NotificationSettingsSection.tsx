import { A } from '@solidjs/router';
import { NotificationPermission } from '../features/chat/NotificationPermission.js';

/**
 * Where the account menu's "Notification settings" leads: how urgent alerts reach this
 * device (a per-device setting owned by the chat feature), and where mentions land.
 */
export function NotificationSettingsSection() {
  return (
    <section id="notifications" class="card stack" aria-labelledby="notification-settings-title">
      <h2 id="notification-settings-title">Notifications</h2>
      <p class="muted">
        Mentions of you in chat and docs collect in <A href="/notifications">Notifications</A>.
        Urgent alerts (DING) ring on this device until you acknowledge them.
      </p>
      <NotificationPermission />
    </section>
  );
}
