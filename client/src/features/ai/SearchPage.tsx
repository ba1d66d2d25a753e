import { A, useSearchParams } from '@solidjs/router';
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  For,
  on,
  onCleanup,
  Show,
} from 'solid-js';
import { useSession } from '../../auth/session-context.js';
import { createHeldDocs } from '../../sync/held-docs.js';
import { useRegistry } from '../../sync/registry-context.js';
import { usePeople } from '../../workspace/workspace-context.js';
import { useAi } from './ai-context.js';
import {
  buildKeywordIndex,
  fuseResults,
  highlightPassage,
  searchKeywords,
  topK,
  type RankedId,
} from './model/index.js';
import { ModelProgress } from './ModelProgress.js';
import { searchItems, type SearchItem } from './search-items.js';
import { syncRoomVectors } from './vector-store.js';
import './ai.css';

const KIND_LABEL = { message: 'Message', doc: 'Doc', task: 'Task' } as const;
/** Below this cosine a "meaning" match is noise rather than related. */
export const MIN_SIMILARITY = 0.3;
const LIMIT = 30;

function Passage(props: { text: string; query: string }) {
  const passage = () => highlightPassage(props.text, props.query, { radius: 90 });
  const parts = () => {
    const { text, ranges } = passage();
    const out: { text: string; mark: boolean }[] = [];
    let at = 0;
    for (const [start, end] of ranges) {
      if (start > at) out.push({ text: text.slice(at, start), mark: false });
      out.push({ text: text.slice(start, end), mark: true });
      at = end;
    }
    if (at < text.length) out.push({ text: text.slice(at), mark: false });
    return out;
  };
  return (
    <p class="ai-highlight small">
      <For each={parts()}>{(part) => (part.mark ? <mark>{part.text}</mark> : part.text)}</For>
    </p>
  );
}

/**
 * Search across chat, docs and tasks on this device: full-text (MiniSearch) always,
 * fused with search by meaning (embeddings from the relay's embedder, computed and
 * kept on this device) when one is installed and switched on. While open it holds
 * every readable conversation month, doc and project, like the chat search.
 */
export function SearchPage() {
  const session = useSession();
  const registry = useRegistry();
  const people = usePeople();
  const ai = useAi();
  const [params, setParams] = useSearchParams<{ q?: string }>();
  const [input, setInput] = createSignal(params.q ?? '');
  const query = () => params.q ?? '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const type = (value: string) => {
    setInput(value);
    clearTimeout(timer);
    timer = setTimeout(() => setParams({ q: value.trim() || undefined }, { replace: true }), 250);
  };

  const { hold, version } = createHeldDocs(registry);

  const items = createMemo((): SearchItem[] => {
    version();
    return searchItems(session.directory(), hold);
  });
  const byId = createMemo(() => new Map(items().map((item) => [item.id, item])));
  const index = createMemo(() => buildKeywordIndex(items()));

  const embedder = () => (ai.enabled('semanticSearch') ? ai.modelFor('embedder') : null);
  // Vectors for every item, updated (only new and changed items) when content settles.
  const [settled, setSettled] = createSignal(0);
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(items, () => {
      clearTimeout(settleTimer);
      settleTimer = setTimeout(() => setSettled((n) => n + 1), 400);
    }),
  );
  onCleanup(() => clearTimeout(settleTimer));
  const [vectors] = createResource(
    () => {
      const model = embedder();
      return model ? { model: model.name, run: settled() } : null;
    },
    async ({ model }) => {
      const all = new Map<string, Float32Array>();
      const perRoom = new Map<string, SearchItem[]>();
      for (const item of items())
        perRoom.set(item.roomId, [...(perRoom.get(item.roomId) ?? []), item]);
      for (const [roomId, roomItems] of perRoom) {
        const local = await syncRoomVectors(
          roomId,
          roomItems.map((i) => ({ id: i.localId, text: i.text })),
          { model, embed: async (texts) => (await ai.embed(texts))?.vectors ?? null },
        );
        if (!local) return null;
        for (const item of roomItems) {
          const v = local.get(item.localId);
          if (v) all.set(item.id, v);
        }
      }
      return all;
    },
  );
  const [queryVector] = createResource(
    () => (vectors() && query().trim() ? query().trim() : null),
    async (q) => (await ai.embed([q]))?.vectors[0] ?? null,
  );

  const results = createMemo(() => {
    const q = query().trim();
    if (!q) return [];
    const keyword = searchKeywords(index(), q, { limit: 100 });
    const qv = queryVector();
    const store = vectors();
    let meaning: RankedId[] = [];
    if (qv && store) {
      meaning = topK(
        qv,
        [...store].map(([id, vector]) => ({ id, vector })),
        100,
      ).filter((r) => r.score >= MIN_SIMILARITY);
    }
    const words = new Set(keyword.map((r) => r.id));
    const meant = new Set(meaning.map((r) => r.id));
    return fuseResults([keyword, meaning])
      .slice(0, LIMIT)
      .flatMap((r) => {
        const item = byId().get(r.id);
        return item ? [{ item, byWords: words.has(r.id), byMeaning: meant.has(r.id) }] : [];
      });
  });

  return (
    <div class="page page-readable stack">
      <header class="page-header">
        <h1>Search</h1>
        <p class="muted">Chat, docs and tasks on this device. Your searches never leave it.</p>
      </header>
      <form class="row" role="search" onSubmit={(e) => e.preventDefault()}>
        <input
          class="input input-wide"
          type="search"
          aria-label="Search chat, docs and tasks"
          placeholder="Search chat, docs and tasks"
          value={input()}
          onInput={(e) => type(e.currentTarget.value)}
        />
      </form>
      <Show
        when={embedder()}
        fallback={
          <p class="muted small" data-testid="search-mode">
            Matching words only:{' '}
            {ai.enabled('semanticSearch')
              ? 'no embedding model is installed on the relay (Settings → AI).'
              : 'search by meaning is switched off in Settings → AI.'}
          </p>
        }
      >
        {(model) => (
          <>
            <ModelProgress model={model()} state={ai.state(model().name)} />
            <p class="muted small" data-testid="search-mode">
              {vectors.loading
                ? `Indexing ${items().length} items on this device for search by meaning…`
                : vectors()
                  ? `Matching words and meaning (${model().name}, on this device).`
                  : 'Matching words only: the embedding model could not start.'}
            </p>
          </>
        )}
      </Show>
      <Show when={query().trim() !== ''}>
        <p class="muted small" role="status">
          {results().length === 0 ? 'No results.' : `${results().length} results`}
        </p>
      </Show>
      <ol class="item-list" aria-label="Results">
        <For each={results()}>
          {(result) => (
            <li class="item stack" data-testid="search-result">
              <div class="row">
                <span class="badge">{KIND_LABEL[result.item.kind]}</span>
                <A href={result.item.href} class="item-title">
                  {result.item.kind === 'task' ? result.item.title : result.item.place}
                </A>
                <Show when={result.item.author}>
                  {(author) => <span class="muted small">{people.nameOf(author())}</span>}
                </Show>
                <Show when={result.byMeaning && !result.byWords}>
                  <span class="badge" title="Found by meaning, not by its words">
                    related
                  </span>
                </Show>
              </div>
              <Passage text={result.item.text} query={query()} />
            </li>
          )}
        </For>
      </ol>
    </div>
  );
}
