import { A } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, onCleanup } from 'solid-js';
import { useApi } from '../../auth/session-context.js';
import { useRoom } from '../../sync/registry-context.js';
import { useChat } from './chat-context.js';
import './chat.css';
import { DING_REPEAT_KEY, readDingRepeatSeconds } from './ding-settings.js';
import { yjsVersion } from '../../sync/yjs-signal.js';
import { ackDing, metaRoom, pendingDingsFor, type Ding } from '../../workspace/chat/index.js';
import { useDingVerdicts, useDirectory, usePeople } from '../../workspace/workspace-context.js';

/**
 * Urgent alerts for this person from every channel and DM they can read, on every page:
 * a banner that stays until acknowledged and rings again (banner and browser
 * notification, when allowed) at the interval set in Chat. Mounted once in the Shell.
 */
export function DingAlerts() {
  const directory = useDirectory();
  const rooms = () => directory.ofKind('channel', 'dm');
  const [seconds, setSeconds] = createSignal(readDingRepeatSeconds(localStorage));
  const onStorage = (event: StorageEvent) => {
    if (event.key === DING_REPEAT_KEY) setSeconds(readDingRepeatSeconds(localStorage));
  };
  window.addEventListener('storage', onStorage);
  onCleanup(() => window.removeEventListener('storage', onStorage));
  return (
    <div class="ding-alerts" role="region" aria-label="Urgent alerts">
      <For each={rooms()}>
        {(room) => <RoomDings roomId={room.id} title={room.title} intervalMs={seconds() * 1000} />}
      </For>
    </div>
  );
}

const RETRY_VERIFY_MS = 30_000;

/**
 * A DING rings only once the relay has verified its permit: the relay is where the
 * per-sender limit is enforced, so an entry a modified client wrote without asking
 * never rings. Verification that fails for lack of a network is retried.
 */
function RoomDings(props: { roomId: string; title: string; intervalMs: number }) {
  const chat = useChat();
  const dings = useDingVerdicts();
  const api = useApi();
  const meta = useRoom(metaRoom(props.roomId));
  const version = yjsVersion(meta.doc);
  const pending = createMemo(() => {
    version();
    const me = chat.me();
    return me === null ? [] : pendingDingsFor(meta.doc, me);
  });
  const verdict = (ding: Ding) => dings.verdict(props.roomId, ding.messageId);
  const [attempt, setAttempt] = createSignal(0);
  const retry = setInterval(() => setAttempt((n) => n + 1), RETRY_VERIFY_MS);
  onCleanup(() => clearInterval(retry));
  const checking = new Set<string>();
  const decide = (ding: Ding, valid: boolean) =>
    dings.setVerdict(props.roomId, ding.messageId, valid);
  createEffect(() => {
    attempt();
    const me = chat.me();
    for (const ding of pending()) {
      if (me === null || verdict(ding) !== undefined || checking.has(ding.messageId)) continue;
      if (ding.permit === '') {
        decide(ding, false);
        continue;
      }
      checking.add(ding.messageId);
      api
        .verifyDing(props.roomId, ding.permit)
        .then(
          (v) =>
            decide(
              ding,
              v.valid &&
                v.sender === ding.sender &&
                v.messageId === ding.messageId &&
                v.recipients.includes(me),
            ),
          () => {}, // offline: try again later
        )
        .finally(() => checking.delete(ding.messageId));
    }
  });
  const ringing = () => pending().filter((ding) => verdict(ding) === true);
  return (
    <For each={ringing()}>
      {(ding) => (
        <DingAlert
          ding={ding}
          roomId={props.roomId}
          title={props.title}
          intervalMs={props.intervalMs}
          onAck={() => {
            const me = chat.me();
            if (me !== null)
              ackDing(meta.doc, { messageId: ding.messageId, userId: me, now: Date.now() });
          }}
        />
      )}
    </For>
  );
}

function DingAlert(props: {
  ding: Ding;
  roomId: string;
  title: string;
  intervalMs: number;
  onAck: () => void;
}) {
  const people = usePeople();
  const [rings, setRings] = createSignal(1);
  const text = () =>
    `Urgent from ${people.nameOf(props.ding.sender)} in ${props.title}: ${props.ding.preview}`;
  const notify = () => {
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      // One notification per alert (tag): a repeat replaces it and rings again.
      new Notification('Urgent message', {
        body: text(),
        tag: `ding-${props.ding.messageId}`,
        requireInteraction: true,
      });
    }
  };
  notify();
  createEffect(() => {
    const timer = setInterval(() => {
      setRings((n) => n + 1);
      notify();
    }, props.intervalMs);
    onCleanup(() => clearInterval(timer));
  });
  return (
    <div class="ding-alert card" role="alert" data-testid="ding-alert" data-rings={rings()}>
      <p>
        <strong>{text()}</strong>
      </p>
      <p class="small">
        Rung {rings()} {rings() === 1 ? 'time' : 'times'}; it rings again until you acknowledge.
      </p>
      <div class="row">
        <button type="button" class="button button-primary" onClick={() => props.onAck()}>
          Acknowledge
        </button>
        <A href={`/chat/${props.roomId}`} class="button">
          Open conversation
        </A>
      </div>
    </div>
  );
}
