import { createSignal, Show } from 'solid-js';

/** Asks for browser notification permission, once, when the person chooses to. */
export function NotificationsSwitch() {
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = createSignal(supported ? Notification.permission : 'denied');
  return (
    <Show when={supported && permission() === 'default'}>
      <button
        type="button"
        class="button button-small"
        onClick={() => void Notification.requestPermission().then(setPermission)}
      >
        Turn on reminders as browser notifications
      </button>
    </Show>
  );
}
