import { createSignal, Show } from 'solid-js';
import {
  DING_REPEAT_KEY,
  MIN_DING_REPEAT_SECONDS,
  readDingRepeatSeconds,
} from './ding-settings.js';

/**
 * Urgent alerts (DING) also ring as browser notifications. Permission is asked only
 * when the person presses the button, never on page load. The repeat interval is a
 * per-device setting beside it.
 */
export function NotificationPermission() {
  const supported = typeof Notification !== 'undefined';
  const [permission, setPermission] = createSignal(supported ? Notification.permission : 'denied');
  const [seconds, setSeconds] = createSignal(readDingRepeatSeconds(localStorage));
  const ask = async () => setPermission(await Notification.requestPermission());
  return (
    <div class="stack small chat-alert-settings">
      <Show when={supported && permission() === 'default'}>
        <p class="muted">Urgent alerts can also show as desktop notifications.</p>
        <button type="button" class="button button-small" onClick={() => void ask()}>
          Allow desktop alerts
        </button>
      </Show>
      <label class="field">
        <span>Repeat urgent alerts every (seconds)</span>
        <input
          class="input"
          type="number"
          min={MIN_DING_REPEAT_SECONDS}
          value={seconds()}
          onChange={(event) => {
            const value = Math.max(
              MIN_DING_REPEAT_SECONDS,
              Math.floor(Number(event.currentTarget.value)) || 0,
            );
            localStorage.setItem(DING_REPEAT_KEY, String(value));
            setSeconds(value);
            window.dispatchEvent(new StorageEvent('storage', { key: DING_REPEAT_KEY }));
          }}
        />
      </label>
    </div>
  );
}
