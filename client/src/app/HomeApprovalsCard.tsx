import { A } from '@solidjs/router';
import { For, Show, type Accessor } from 'solid-js';
import { HomeCard } from '../features/home/HomeCard.js';
import { timeAgo } from '../features/home/model/recent-activity.js';
import { useApprovals } from '../workspace/approvals/approvals-context.js';

const SHOWN = 5;

/**
 * Requests waiting for my decision (Home, [HOME6]); composed here because Home and
 * Approvals are separate features. Shown only while there are some:
 * most people approve nothing most days, and an empty card would push the others down.
 * The list is the relay's box as the approvals layer last fetched it with the nav
 * badge's count (the briefing reads the same list, [G5]); a failed fetch keeps the last.
 */
export function ApprovalsCard(props: { now: Accessor<number> }) {
  const approvals = useApprovals();
  return (
    <Show when={approvals.toApprove() > 0}>
      <WaitingList now={props.now} total={approvals.toApprove()} />
    </Show>
  );
}

function WaitingList(props: { now: Accessor<number>; total: number }) {
  const approvals = useApprovals();
  const name = (id: string) => approvals.waiting()?.people[id] ?? 'Someone';
  return (
    <HomeCard
      id="home-approvals"
      title="Waiting for your approval"
      more={{ href: '/approvals?box=toApprove', label: `All ${props.total}` }}
      pending={approvals.waiting() === undefined}
    >
      <Show when={approvals.waiting()}>
        {(list) => (
          <ul class="item-list home-list" aria-label="Waiting for your approval">
            <For each={list().requests.slice(0, SHOWN)}>
              {(request) => (
                <li class="home-row">
                  <A class="home-row-title" href={`/approvals/${encodeURIComponent(request.id)}`}>
                    {request.templateName} from {name(request.submitterId)}
                  </A>
                  <span class="home-row-meta small">
                    Submitted {timeAgo(Date.parse(request.submittedAt), props.now())}
                  </span>
                </li>
              )}
            </For>
          </ul>
        )}
      </Show>
    </HomeCard>
  );
}
