import { createSignal, onMount, type Accessor } from 'solid-js';
import { useApi } from '../../auth/session-context.js';

export interface Retention {
  /** Days messages are kept; null: forever (or not known yet on a device that never asked). */
  days: Accessor<number | null>;
  /** Sets the policy through the relay, which enforces it [RETAIN2]. */
  save: (days: number | null) => Promise<void>;
}

/**
 * The channel's retention policy [RETAIN6]: asked from the relay when the channel
 * opens and kept on the device, so that an offline device still hides what expired.
 */
export function useRetention(roomId: string): Retention {
  const api = useApi();
  const key = `chat.retention.${roomId}`;
  const cached = Number(localStorage.getItem(key) ?? '');
  const [days, setDays] = createSignal<number | null>(cached > 0 ? cached : null);
  const keep = (value: number | null) => {
    setDays(value);
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, String(value));
  };
  onMount(() => {
    api.retention(roomId).then(
      (policy) => keep(policy.days),
      () => {}, // offline: the cached policy stands
    );
  });
  return {
    days,
    save: async (value) => keep((await api.setRetention(roomId, value)).days),
  };
}
