import './briefing.css';
import { A } from '@solidjs/router';
import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { useSession } from '../../auth/session-context.js';
import { viewerTimeZone, zonedParts } from '../../../../shared/model/time/zoned-time.js';
import { usePeople } from '../../workspace/workspace-context.js';
import { useAi } from './ai-context.js';
import { hideBriefing, isBriefingHidden } from './briefing-hidden.js';
import { briefingHeadline, rankBriefing, type BriefingKind } from './model/briefing.js';
import { useBriefingInput } from './use-briefing-input.js';

const KIND_LABEL: Record<BriefingKind, string> = {
  ding: 'Urgent',
  meeting: 'Meeting',
  overdue: 'Overdue',
  approval: 'Approvals',
  'due-today': 'Today',
  mention: 'Mention',
  thread: 'Thread',
  doc: 'Doc',
};
const WARN: ReadonlySet<BriefingKind> = new Set(['ding', 'overdue']);

/**
 * The first card on Home: what needs the signed-in person today, ranked (rankBriefing).
 * Computed on this device from the docs it holds and never sent anywhere; absent when
 * Settings → AI → Daily briefing is off, or after "Hide for today" until tomorrow.
 */
export function DailyBriefing() {
  const ai = useAi();
  const session = useSession();
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 60_000);
  onCleanup(() => clearInterval(timer));
  const zone = viewerTimeZone();
  const today = () => zonedParts(now(), zone).date;
  const me = () => session.me()?.user.id ?? null;
  const [hiddenTick, setHiddenTick] = createSignal(0);
  const hidden = () => {
    hiddenTick();
    const id = me();
    return id === null || isBriefingHidden(localStorage, id, today());
  };
  const hide = () => {
    const id = me();
    if (id === null) return;
    hideBriefing(localStorage, id, today());
    setHiddenTick((n) => n + 1);
  };
  return (
    <Show when={ai.enabled('briefing') && !hidden()}>
      <Briefing now={now()} timeZone={zone} onHide={hide} />
    </Show>
  );
}

function Briefing(props: { now: number; timeZone: string; onHide: () => void }) {
  const people = usePeople();
  const data = useBriefingInput(
    () => props.now,
    () => props.timeZone,
  );
  const items = createMemo(() => {
    const input = data()?.input;
    if (!input) return [];
    return rankBriefing(input, new Date(props.now), {
      timeZone: props.timeZone,
      nameOf: (id) => people.nameOf(id),
    });
  });
  return (
    <section class="card stack" aria-labelledby="briefing-title" data-testid="briefing">
      <div class="row-between">
        <h2 id="briefing-title">Your briefing</h2>
        <button type="button" class="button button-small" onClick={() => props.onHide()}>
          Hide for today
        </button>
      </div>
      <p data-testid="briefing-headline">{briefingHeadline(items())}</p>
      <Show when={items().length > 0}>
        <ol class="item-list" aria-label="Briefing items">
          <For each={items()}>
            {(item) => (
              <li class="item" data-kind={item.kind} data-testid="briefing-item">
                <span class="briefing-line">
                  <span class={WARN.has(item.kind) ? 'badge badge-warn' : 'badge'}>
                    {KIND_LABEL[item.kind]}
                  </span>
                  <A class="item-title" href={item.href}>
                    {item.title}
                  </A>
                </span>
                <p class="briefing-detail muted small">{item.detail}</p>
                <Show when={data()?.gists.get(item.id)}>
                  {(gist) => <p class="briefing-detail small">{gist()}</p>}
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
