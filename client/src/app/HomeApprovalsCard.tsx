import { A } from '@solidjs/router';
import { For, Show, type Accessor } from 'solid-js';
import { useRequestList } from '../features/approvals/use-request-list.js';
import { HomeCard } from '../features/home/HomeCard.js';
import { timeAgo } from '../features/home/model/recent-activity.js';
import { useApprovals } from '../workspace/approvals/approvals-context.js';

const SHOWN = 5;

/**
 * Requests waiting for my decision (Home, [HOME6]); composed here because Home and
 * Approvals are separate features. Shown only while there are some:
 * most people approve nothing most days, and an empty card would push the others down.
 * The list is the relay's box, fetched again whenever a request may have moved; the
 * count is the nav badge's.
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
  const requests = useRequestList(() => 'toApprove');
  const name = (id: string) => requests.list()?.people[id] ?? 'Someone';
  return (
    <HomeCard
      id="home-approvals"
      title="Waiting for your approval"
      more={{ href: '/approvals?box=toApprove', label: `All ${props.total}` }}
      pending={requests.list() === undefined && requests.error() === null}
    >
      <Show
        when={requests.list()}
        fallback={<p class="small muted">The relay could not be reached: {requests.error()}</p>}
      >
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
