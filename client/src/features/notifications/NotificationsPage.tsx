import { A } from '@solidjs/router';
import { createEffect, createSignal, For, Show } from 'solid-js';
import type { Notification } from '../../../../shared/api/schemas.js';
import { EmptyState, ErrorState, Skeleton } from '../../ui/States.js';
import './notifications.css';
import { roomPath } from '../../workspace/rooms/room-path.js';
import { useInbox } from './notifications-context.js';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Where an item leads: the doc, the chat at the very message [CHAT12], the request, the invitation [CAL42]. */
function pathOf(n: Notification): string {
  if (n.kind === 'approval') return `/approvals/${encodeURIComponent(n.requestId)}`;
  if (n.kind !== 'mention' && n.anchor !== null)
    return `/calendar/invitations/${encodeURIComponent(n.roomId)}/${encodeURIComponent(n.anchor)}`;
  if (n.roomKind === 'doc') return `/docs/${n.roomId}`;
  if (n.roomKind === 'channel' || n.roomKind === 'dm') {
    const at = n.anchor === null ? '' : `?message=${encodeURIComponent(n.anchor)}`;
    return `/chat/${n.roomId}${at}`;
  }
  return roomPath({ id: n.roomId, kind: n.roomKind });
}

/** What happened, in words: the actor and the request, room or event it concerns [APPR70]. */
function titleOf(n: Notification): string {
  switch (n.kind) {
    case 'mention':
      return `${n.actorName} mentioned you in ${n.roomTitle}`;
    case 'event-invited':
      return `${n.actorName} invited you to ${n.roomTitle}`;
    case 'event-changed':
      return `${n.roomTitle} changed`;
    case 'event-cancelled':
      return `${n.roomTitle} was cancelled`;
    case 'event-ding':
      return `DING from ${n.actorName}: please answer ${n.roomTitle}`;
  }
  const request = n.templateName;
  switch (n.reason) {
    case 'toApprove':
      return `${request} waits for your decision`;
    case 'transferred':
      return `${n.actorName} passed ${request} to you to decide`;
    case 'approved':
      return `${n.actorName} approved your ${request}`;
    case 'rejected':
      return `${n.actorName} rejected your ${request}`;
    case 'returned':
      return `${n.actorName} returned your ${request} to you`;
    case 'cc':
      return `${request} was copied to you`;
    case 'urged':
      return `${n.actorName} urged you to decide on ${request}`;
    case 'commented':
      return `${n.actorName} commented on ${request}`;
  }
}

/**
 * The inbox of mentions, calendar invites and requests that moved. Looking at it marks what it lists read, as the old dialog
 * did; the unread ones stay marked on this visit so the person sees what is new.
 */
export function NotificationsPage() {
  const inbox = useInbox();
  const [fresh, setFresh] = createSignal<ReadonlySet<string>>(new Set());
  createEffect(() => {
    const unread = inbox.list().filter((n) => !n.read);
    if (unread.length === 0) return;
    setFresh((before) => new Set([...before, ...unread.map((n) => n.id)]));
    inbox.markAllRead();
  });

  return (
    <div class="page page-readable stack">
      <header class="page-header">
        <h1>Notifications</h1>
        <p class="muted">
          Mentions of you in chat and docs, calendar invitations, and requests of yours that moved.
        </p>
      </header>
      <Show when={inbox.failed()}>
        <ErrorState
          title="Notifications could not be checked"
          action={
            <button type="button" class="button button-small" onClick={() => inbox.refetch()}>
              Try again
            </button>
          }
        >
          The relay could not be reached. Your notifications are kept there
          {inbox.loaded() ? '; this is the list from the last check' : ''}. Try again once you are
          online.
        </ErrorState>
      </Show>
      <Show
        when={inbox.loaded()}
        fallback={
          <Show when={!inbox.failed()}>
            <Skeleton label="notifications" />
          </Show>
        }
      >
        <Show
          when={inbox.list().length > 0}
          fallback={
            <EmptyState title="You are all caught up">
              When someone @mentions you or a request of yours moves, it shows up here with a link
              to it.
            </EmptyState>
          }
        >
          <ul class="item-list" aria-label="Notifications">
            <For each={inbox.list()}>
              {(n) => (
                <li class="item notification" classList={{ 'notification-new': fresh().has(n.id) }}>
                  <A href={pathOf(n)} class="item-title">
                    {titleOf(n)}
                  </A>
                  <Show when={n.kind !== 'approval' && n.excerpt}>
                    {(excerpt) => <span class="small notification-excerpt">{excerpt()}</span>}
                  </Show>
                  <span class="muted small">{when.format(n.at)}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </div>
  );
}
