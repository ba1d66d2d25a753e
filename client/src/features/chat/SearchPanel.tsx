import { A } from '@solidjs/router';
import { createMemo, createSignal, For } from 'solid-js';
import { createHeldDocs } from '../../sync/held-docs.js';
import { useRegistry } from '../../sync/registry-context.js';
import { Dialog } from '../../ui/Dialog.js';
import {
  bucketRoom,
  buildMessageIndex,
  metaRoom,
  readBuckets,
  readMessages,
  searchMessages,
  type SearchDoc,
} from '../../workspace/chat/index.js';
import { useDirectory, usePeople } from '../../workspace/workspace-context.js';

/**
 * Full-text search (MiniSearch) over every message on this device, in every channel and
 * DM, with filters for person, channel and dates. While open it loads every month of
 * every conversation from IndexedDB (and syncs what is missing when online).
 */
export function SearchPanel(props: { onClose: () => void }) {
  const registry = useRegistry();
  const people = usePeople();
  const directory = useDirectory();
  const rooms = () => directory.ofKind('channel', 'dm');
  const { hold, version } = createHeldDocs(registry);

  const docs = createMemo((): SearchDoc[] => {
    version();
    const out: SearchDoc[] = [];
    for (const room of rooms()) {
      for (const bucket of readBuckets(hold(metaRoom(room.id)))) {
        for (const m of readMessages(hold(bucketRoom(room.id, bucket)))) {
          if (!m.deleted)
            out.push({
              id: m.id,
              channelId: room.id,
              author: m.author,
              text: m.text,
              createdAt: m.createdAt,
            });
        }
      }
    }
    return out;
  });
  const index = createMemo(() => buildMessageIndex(docs()));
  const [query, setQuery] = createSignal('');
  const [author, setAuthor] = createSignal('');
  const [channelId, setChannelId] = createSignal('');
  const [from, setFrom] = createSignal('');
  const [to, setTo] = createSignal('');
  const results = createMemo(() =>
    searchMessages(index(), query(), {
      ...(author() ? { author: author() } : {}),
      ...(channelId() ? { channelId: channelId() } : {}),
      ...(from() ? { from: new Date(`${from()}T00:00`).getTime() } : {}),
      ...(to() ? { to: new Date(`${to()}T23:59:59.999`).getTime() } : {}),
    }).slice(0, 50),
  );
  const titleOf = (id: string) => rooms().find((r) => r.id === id)?.title ?? id;

  return (
    <Dialog title="Search messages" onClose={() => props.onClose()}>
      <form class="stack" role="search" onSubmit={(e) => e.preventDefault()}>
        <label class="field">
          <span>Words</span>
          <input
            class="input"
            type="search"
            value={query()}
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
        </label>
        <div class="row">
          <label class="field">
            <span>Person</span>
            <select
              class="input"
              value={author()}
              onChange={(e) => setAuthor(e.currentTarget.value)}
            >
              <option value="">Anyone</option>
              <For each={people.all()}>{(p) => <option value={p.id}>{p.name}</option>}</For>
            </select>
          </label>
          <label class="field">
            <span>Conversation</span>
            <select
              class="input"
              value={channelId()}
              onChange={(e) => setChannelId(e.currentTarget.value)}
            >
              <option value="">All</option>
              <For each={rooms()}>{(r) => <option value={r.id}>{r.title}</option>}</For>
            </select>
          </label>
          <label class="field">
            <span>From</span>
            <input
              class="input"
              type="date"
              value={from()}
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          </label>
          <label class="field">
            <span>To</span>
            <input
              class="input"
              type="date"
              value={to()}
              onInput={(e) => setTo(e.currentTarget.value)}
            />
          </label>
        </div>
      </form>
      <p class="muted small" aria-live="polite">
        {docs().length} messages on this device; {results().length} found.
      </p>
      <ul class="plain-list stack chat-results" aria-label="Results">
        <For each={results()}>
          {(hit) => (
            <li>
              <A href={`/chat/${hit.channelId}`} onClick={() => props.onClose()}>
                {titleOf(hit.channelId)} · {people.nameOf(hit.author)} ·{' '}
                {new Date(hit.createdAt).toLocaleString()}
              </A>
              <p class="small">{hit.text}</p>
            </li>
          )}
        </For>
      </ul>
      <button type="button" class="button" onClick={() => props.onClose()}>
        Close
      </button>
    </Dialog>
  );
}
