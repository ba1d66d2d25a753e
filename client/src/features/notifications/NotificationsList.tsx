import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import type { Notification } from '../../../../shared/api/schemas.js';
import { EmptyState, ErrorState, Skeleton } from '../../ui/States.js';
import { roomPath } from '../../workspace/rooms/room-path.js';
import './notifications.css';

const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const pathOf = (n: Pick<Notification, 'roomId' | 'roomKind'>) =>
  n.roomKind === 'doc' ? `/docs/${n.roomId}` : roomPath({ id: n.roomId, kind: n.roomKind });

/** The inbox's content: a skeleton until the first answer, then the mentions or an empty state. */
export function NotificationsList(props: {
  list: readonly Notification[] | undefined;
  failed: boolean;
  onOpen: () => void;
  onRetry: () => void;
}) {
  return (
    <Show
      when={props.list}
      fallback={
        <Show when={props.failed} fallback={<Skeleton label="notifications" lines={3} />}>
          <ErrorState
            title="Notifications could not be loaded"
            action={
              <button type="button" class="button button-small" onClick={() => props.onRetry()}>
                Try again
              </button>
            }
          >
            The relay could not be reached. Your mentions are kept there; try again once you are
            online.
          </ErrorState>
        </Show>
      }
    >
      {(list) => (
        <Show
          when={list().length > 0}
          fallback={
            <EmptyState title="You are all caught up">
              When someone @mentions you in a doc or a conversation, it shows up here.
            </EmptyState>
          }
        >
          <ul class="item-list notifications-list" aria-label="Notifications">
            <For each={list()}>
              {(n) => (
                <li class="item">
                  <A href={pathOf(n)} class="item-title" onClick={() => props.onOpen()}>
                    {n.actorName} mentioned you in {n.roomTitle}
                  </A>
                  <Show when={n.excerpt}>
                    <span class="small notification-excerpt">{n.excerpt}</span>
                  </Show>
                  <span class="muted small">{when.format(n.at)}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      )}
    </Show>
  );
}
