import { A, useSearchParams } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { Box, type RequestSummary } from '../../../../shared/api/approvals.js';
import { useSession } from '../../auth/session-context.js';
import { EmptyState, ErrorState, Skeleton } from '../../ui/States.js';
import { useApprovals } from '../../workspace/approvals/approvals-context.js';
import { BOXES, STATUS_LABEL } from './boxes.js';
import { QueuedList } from './QueuedList.js';
import { RecordsPanel } from './RecordsPanel.js';
import { isAdminRole } from '../../workspace/role-label.js';
import { useRequestList } from './use-request-list.js';
import './approvals.css';

/**
 * The four boxes of approval requests ([APPR36]) as tabs that are links (each box has
 * its own address), the actions still waiting for the relay, and "New request".
 */
export function ApprovalsPage() {
  const session = useSession();
  const [params] = useSearchParams();
  const box = () => Box.catch('toApprove').parse(params.box);
  return (
    <div class="page stack">
      <header class="page-header row row-between">
        <h1>Approvals</h1>
        <Show when={session.me()?.user.role !== 'guest'}>
          <A href="/approvals/new" class="button button-primary">
            New request
          </A>
        </Show>
      </header>
      <Show
        when={session.me()?.user.role !== 'guest'}
        fallback={
          <EmptyState title="Approvals are for members">
            As a guest you take part in the rooms shared with you, not in the workspace’s requests.
          </EmptyState>
        }
      >
        <QueuedList />
        <nav class="appr-tabs" aria-label="Approval boxes">
          <For each={BOXES}>
            {(b) => (
              // A plain link (the router still handles it): its A would mark every tab
              // current, as they share one path and differ only in the query.
              <a
                href={`/approvals?box=${b.box}`}
                class="appr-tab"
                aria-current={box() === b.box ? 'page' : undefined}
              >
                {b.label}
                <Show when={b.box === 'toApprove'}>
                  <BoxCount />
                </Show>
              </a>
            )}
          </For>
        </nav>
        <BoxList box={box()} />
        <RecordsPanel isAdmin={isAdminRole(session.me()?.user.role ?? 'guest')} />
      </Show>
    </div>
  );
}

function BoxCount() {
  const approvals = useApprovals();
  return (
    <Show when={approvals.toApprove() > 0}>
      <span class="nav-badge">{approvals.toApprove()}</span>
    </Show>
  );
}

function BoxList(props: { box: Box }) {
  const requests = useRequestList(() => props.box);
  const meta = () => BOXES.find((b) => b.box === props.box)!;
  return (
    <Show
      when={requests.list()}
      fallback={
        <Show when={requests.error()} fallback={<Skeleton label="requests" lines={4} />}>
          <ErrorState
            title="Requests could not be loaded"
            action={
              <button type="button" class="button" onClick={() => requests.refetch()}>
                Try again
              </button>
            }
          >
            {requests.error()}
          </ErrorState>
        </Show>
      }
    >
      {(list) => (
        <ul class="item-list" aria-label={meta().label}>
          <For
            each={list().requests}
            fallback={
              <li>
                <EmptyState title="No requests here">{meta().empty}</EmptyState>
              </li>
            }
          >
            {(request) => <RequestRow request={request} people={list().people} />}
          </For>
        </ul>
      )}
    </Show>
  );
}

function RequestRow(props: { request: RequestSummary; people: Record<string, string> }) {
  const name = (id: string) => props.people[id] ?? 'Someone';
  const waitingOn = () => props.request.currentApprovers.map(name).join(', ');
  return (
    <li class="item appr-row">
      <A href={`/approvals/${encodeURIComponent(props.request.id)}`} class="item-title">
        {props.request.templateName} — {name(props.request.submitterId)}
      </A>
      <p class="small muted row">
        <span class={`badge appr-status appr-status-${props.request.status}`}>
          {STATUS_LABEL[props.request.status]}
        </span>
        <Show when={waitingOn()}>
          <span>Waiting for {waitingOn()}</span>
        </Show>
        <time dateTime={props.request.updatedAt}>
          {new Date(props.request.updatedAt).toLocaleString()}
        </time>
      </p>
    </li>
  );
}
