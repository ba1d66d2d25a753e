import { A } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, onCleanup } from 'solid-js';
import { useApi, useSession } from '../../auth/session-context.js';
import { useRegistry } from '../../sync/registry-context.js';
import { whenTrue } from '../../sync/when-true.js';
import {
  CHAT_SUMMARY_KEY,
  readChatSummary,
  type DingSummary,
} from '../../workspace/chat-summary.js';
import { useWorkspaceSync } from '../../workspace/workspace-sync-context.js';
import { useChat } from './chat-context.js';
import './chat.css';
import { DING_REPEAT_KEY, readDingRepeatSeconds } from './ding-settings.js';
import { ackDing, metaRoom } from '../../workspace/chat/index.js';

type Ding = DingSummary;
import { useDingVerdicts, usePeople } from '../../workspace/workspace-context.js';

/**
 * Urgent alerts for this person from every channel and DM they can read, on every page:
 * a banner that stays until acknowledged and rings again (banner and browser
 * notification, when allowed) at the interval set in Chat. Mounted once in the Shell.
 */
export function DingAlerts() {
  const session = useSession();
  const workspace = useWorkspaceSync();
  // Only rooms whose summary holds a DING for this person: no room is opened to look.
  const rooms = createMemo(() => {
    const ringing = new Set(
      workspace.summaries
        .entries(CHAT_SUMMARY_KEY)
        .filter(([, value]) => (readChatSummary(value)?.dings.length ?? 0) > 0)
        .map(([roomId]) => roomId),
    );
    return session
      .directory()
      .filter((room) => (room.kind === 'channel' || room.kind === 'dm') && ringing.has(room.id));
  });
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
  const registry = useRegistry();
  const workspace = useWorkspaceSync();
  const pending = createMemo(
    () => readChatSummary(workspace.summaries.read(props.roomId, CHAT_SUMMARY_KEY))?.dings ?? [],
  );
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
            if (me === null) return;
            // Opened for the write once its local copy is read; the registry keeps it open
            // until the relay has the acknowledgement.
            const meta = registry.acquire(metaRoom(props.roomId));
            void whenTrue(meta.loaded)
              .then(() =>
                ackDing(meta.doc, { messageId: ding.messageId, userId: me, now: Date.now() }),
              )
              // Gone already (acknowledged on another device): the summary catches up.
              .catch(() => {})
              .finally(meta.release);
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
