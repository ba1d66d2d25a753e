import { A } from '@solidjs/router';
import { createSignal, For, Show, type JSX } from 'solid-js';
import type { DirectoryRoom } from '../../../../shared/api/schemas.js';
import { CHAT_SUMMARY_KEY, readChatSummary } from '../../workspace/chat-summary.js';
import { useDirectory } from '../../workspace/workspace-context.js';
import { useWorkspaceSync } from '../../workspace/workspace-sync-context.js';
import { NewChannelDialog } from './NewChannelDialog.js';
import { EmptyState } from '../../ui/States.js';
import { RoomMark } from './RoomMark.js';

export function ChannelSidebar(props: { onSearch: () => void }) {
  const [creating, setCreating] = createSignal<'channel' | 'dm' | null>(null);
  // The directory's index, sorted once per directory change: not a filter and sort of
  // every room each time a group is drawn.
  const directory = useDirectory();
  const rooms = (kind: DirectoryRoom['kind']) => directory.ofKind(kind);

  return (
    <nav class="chat-sidebar stack" aria-label="Conversations">
      <button type="button" class="button button-small" onClick={() => props.onSearch()}>
        Search messages
      </button>
      <RoomGroup
        title="Channels"
        rooms={rooms('channel')}
        prefix="#"
        onNew={() => setCreating('channel')}
        newLabel="New channel"
        empty={
          <EmptyState
            title="No channels yet"
            action={
              <button
                type="button"
                class="button button-primary button-small"
                onClick={() => setCreating('channel')}
              >
                Create a channel
              </button>
            }
          >
            Channels keep a team’s talk in one place.
          </EmptyState>
        }
      />
      <RoomGroup
        title="Direct messages"
        rooms={rooms('dm')}
        prefix=""
        onNew={() => setCreating('dm')}
        newLabel="New message"
        empty={<p class="muted small">No direct messages yet.</p>}
      />
      <Show when={creating()} keyed>
        {(kind) => <NewChannelDialog kind={kind} onClose={() => setCreating(null)} />}
      </Show>
    </nav>
  );
}

function RoomGroup(props: {
  title: string;
  rooms: readonly DirectoryRoom[];
  prefix: string;
  onNew: () => void;
  newLabel: string;
  empty: JSX.Element;
}) {
  return (
    <div class="stack chat-group">
      <div class="chat-group-head">
        <h2 class="chat-group-title">{props.title}</h2>
        <button
          type="button"
          class="button button-small chat-new"
          onClick={() => props.onNew()}
          aria-label={props.newLabel}
          title={props.newLabel}
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
      <ul class="plain-list chat-rooms">
        <For each={props.rooms} fallback={<li>{props.empty}</li>}>
          {(room) => (
            <li>
              <A href={`/chat/${room.id}`} class="chat-room-link" activeClass="active">
                <span class="chat-room-name">
                  <RoomMark room={room} />
                  <span class="chat-room-title">
                    {props.prefix}
                    {room.title}
                  </span>
                </span>
                <UnreadBadges roomId={room.id} />
              </A>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

/**
 * Unread and mention counts over the newest month, from the room's summary on this
 * device (workspace/chat-summary.ts): the sidebar opens no room, however many it lists.
 */
function UnreadBadges(props: { roomId: string }) {
  const workspace = useWorkspaceSync();
  const summary = () => readChatSummary(workspace.summaries.read(props.roomId, CHAT_SUMMARY_KEY));
  const unread = () => summary()?.unread ?? 0;
  const mentions = () => summary()?.mentions ?? 0;
  return (
    <span class="row chat-badges">
      <Show when={mentions() > 0}>
        <span class="badge badge-warn" aria-label={`${mentions()} mentions`}>
          @{mentions()}
        </span>
      </Show>
      <Show when={unread() > 0}>
        <span class="badge" aria-label={`${unread()} unread`} data-testid="unread-count">
          {unread()}
        </span>
      </Show>
    </span>
  );
}
