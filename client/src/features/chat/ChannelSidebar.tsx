import { A } from '@solidjs/router';
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { DirectoryRoom } from '../../../../shared/api/schemas.js';
import { useRoom } from '../../sync/registry-context.js';
import { useDirectory } from '../../workspace/workspace-context.js';
import { useChat } from './chat-context.js';
import { yjsVersion } from '../../sync/yjs-signal.js';
import {
  bucketOf,
  bucketRoom,
  metaRoom,
  readMessages,
  readPointers,
  sortBucketsNewestFirst,
  readBuckets,
  unreadSummary,
} from '../../workspace/chat/index.js';
import { NewChannelDialog } from './NewChannelDialog.js';
import { NotificationPermission } from './NotificationPermission.js';

export function ChannelSidebar(props: { onSearch: () => void }) {
  const [creating, setCreating] = createSignal<'channel' | 'dm' | null>(null);
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
      />
      <RoomGroup
        title="Direct messages"
        rooms={rooms('dm')}
        prefix=""
        onNew={() => setCreating('dm')}
        newLabel="New message"
      />
      <NotificationPermission />
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
}) {
  return (
    <div class="stack chat-group">
      <div class="row-between">
        <h2 class="chat-group-title">{props.title}</h2>
        <button type="button" class="button button-small" onClick={() => props.onNew()}>
          {props.newLabel}
        </button>
      </div>
      <ul class="plain-list chat-rooms">
        <For each={props.rooms} fallback={<li class="muted small">None yet</li>}>
          {(room) => (
            <li>
              <A href={`/chat/${room.id}`} class="chat-room-link" activeClass="active">
                <span>
                  {props.prefix}
                  {room.title}
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

/** Unread and mention counts over the newest month (what is loaded without opening it). */
function UnreadBadges(props: { roomId: string }) {
  const chat = useChat();
  const meta = useRoom(metaRoom(props.roomId));
  const metaVersion = yjsVersion(meta.doc);
  const newest = createMemo(() => {
    metaVersion();
    return sortBucketsNewestFirst(readBuckets(meta.doc))[0] ?? bucketOf(Date.now());
  });
  // Re-read on every meta change: the pointer moves as this person reads.
  const pointer = () => (metaVersion(), readPointers(meta.doc).get(chat.me() ?? ''));
  return (
    <Show when={newest()} keyed>
      {(bucket) => <BucketBadges roomId={props.roomId} bucket={bucket} pointer={pointer()} />}
    </Show>
  );
}

function BucketBadges(props: { roomId: string; bucket: string; pointer: string | undefined }) {
  const chat = useChat();
  const handle = useRoom(bucketRoom(props.roomId, props.bucket));
  const version = yjsVersion(handle.doc);
  const summary = createMemo(() => {
    version();
    return unreadSummary(
      readMessages(handle.doc).filter((m) => m.parentId === null),
      props.pointer,
      chat.me() ?? '',
    );
  });
  return (
    <span class="row chat-badges">
      <Show when={summary().mentions > 0}>
        <span class="badge badge-warn" aria-label={`${summary().mentions} mentions`}>
          @{summary().mentions}
        </span>
      </Show>
      <Show when={summary().count > 0}>
        <span class="badge" aria-label={`${summary().count} unread`} data-testid="unread-count">
          {summary().count}
        </span>
      </Show>
    </span>
  );
}
