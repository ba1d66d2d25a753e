import { A } from '@solidjs/router';
import { For, Show, type Accessor } from 'solid-js';
import { EmptyState } from '../../ui/States.js';
import { usePeople } from '../../workspace/workspace-context.js';
import { HomeCard } from './HomeCard.js';
import { timeAgo, type RecentConversation } from './model/recent-activity.js';
import { useRecentActivity } from './use-home-data.js';

const chatHref = ({ room, summary }: RecentConversation) => {
  const base = `/chat/${encodeURIComponent(room.id)}`;
  return summary.last ? `${base}?message=${encodeURIComponent(summary.last.id)}` : base;
};

/** Conversations with the newest messages, from the summaries (Home, [HOME2]). */
export function RecentActivityCard(props: { now: Accessor<number> }) {
  const activity = useRecentActivity();
  const people = usePeople();
  const name = (entry: RecentConversation) =>
    entry.room.kind === 'dm' ? entry.room.title : `#${entry.room.title}`;
  return (
    <HomeCard
      id="home-activity"
      title="Recent activity"
      more={{ href: '/chat', label: 'Open Chat' }}
      pending={activity.pending() && activity.value().length === 0}
    >
      <Show
        when={activity.value().length > 0}
        fallback={
          <EmptyState
            level={3}
            title="No messages yet"
            action={
              <A class="button button-small" href="/chat">
                Start a conversation
              </A>
            }
          >
            New messages in your channels and direct messages show up here.
          </EmptyState>
        }
      >
        <ul class="item-list home-list" aria-label="Recent conversations">
          <For each={activity.value()}>
            {(entry) => (
              <li class="home-row" data-testid="home-activity-item">
                <span class="home-row-line">
                  <A class="home-row-title" href={chatHref(entry)}>
                    {name(entry)}
                  </A>
                  <Show when={entry.summary.mentions > 0}>
                    <span class="badge badge-warn">@ {entry.summary.mentions}</span>
                  </Show>
                  <Show when={entry.summary.unread > 0}>
                    <span class="badge">{entry.summary.unread} new</span>
                  </Show>
                  <span class="home-row-time muted small">
                    {timeAgo(entry.summary.lastActivityAt, props.now())}
                  </span>
                </span>
                <Show when={entry.summary.last}>
                  {(last) => (
                    <span class="home-row-meta small">
                      <strong>{people.nameOf(last().author)}:</strong> {last().text}
                    </span>
                  )}
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </HomeCard>
  );
}
