import { A } from '@solidjs/router';
import { For, Show, type Accessor } from 'solid-js';
import { EmptyState } from '../../ui/States.js';
import { HomeCard } from './HomeCard.js';
import { timeAgo } from './model/recent-activity.js';
import { useFollowedDocs } from './use-home-data.js';

const docHref = (id: string) => `/docs/${encodeURIComponent(id)}`;

/** Starred docs and who changed them last (Home, [HOME3]). */
export function FollowedDocsCard(props: { now: Accessor<number> }) {
  const docs = useFollowedDocs(props.now);
  return (
    <HomeCard
      id="home-docs"
      title="Followed docs"
      more={{ href: '/docs', label: 'All docs' }}
      pending={docs.pending()}
    >
      <Show
        when={docs.value().length > 0}
        fallback={
          <>
            <EmptyState
              level={3}
              title="You follow no docs yet"
              action={
                <A class="button button-small" href="/docs">
                  Open Docs
                </A>
              }
            >
              Star a doc to see here when someone changes it.
            </EmptyState>
            <Show when={docs.fallback().length > 0}>
              <h3 class="home-subtitle small muted">Newest docs</h3>
              <ul class="item-list home-list" aria-label="Newest docs">
                <For each={docs.fallback()}>
                  {(room) => (
                    <li class="home-row">
                      <A class="home-row-title" href={docHref(room.id)}>
                        {room.title || 'Untitled'}
                      </A>
                      <span class="home-row-meta small">
                        Created {timeAgo(room.createdAt, props.now())}
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        }
      >
        <ul class="item-list home-list" aria-label="Followed docs">
          <For each={docs.value()}>
            {(entry) => (
              <li class="home-row">
                <span class="home-row-line">
                  <A class="home-row-title" href={docHref(entry.room.id)}>
                    {entry.room.title || 'Untitled'}
                  </A>
                  <Show when={entry.fresh}>
                    <span class="badge badge-warn">Changed</span>
                  </Show>
                </span>
                <span class="home-row-meta small">
                  <Show when={entry.last} fallback="No saved versions yet">
                    {(last) => `${last().authorName}, ${timeAgo(last().at, props.now())}`}
                  </Show>
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </HomeCard>
  );
}
