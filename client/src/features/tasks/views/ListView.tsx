import { createVirtualizer } from '@tanstack/solid-virtual';
import { createMemo, createSignal, For, Show } from 'solid-js';
import type * as Y from 'yjs';
import { useSession } from '../../../auth/session-context.js';
import { SelectField } from '../../../ui/SelectField.js';
import type { Board } from '../../../workspace/tasks/index.js';
import { dueLabel, priorityLabels } from '../task-format.js';
import { usePeople } from '../../../workspace/workspace-context.js';
import { listRows, type SortKey } from './list-rows.js';

const ROW_PX = 44;
const SORTS: ReadonlyArray<{ value: SortKey; label: string }> = [
  { value: 'board', label: 'Board order' },
  { value: 'due', label: 'Due date' },
  { value: 'priority', label: 'Priority' },
  { value: 'title', label: 'Title' },
];

/** Every task in one sortable, filterable list; rows are virtualized. */
export function ListView(props: { doc: Y.Doc; board: Board; onOpen: (taskId: string) => void }) {
  const session = useSession();
  const people = usePeople();
  const [query, setQuery] = createSignal('');
  const [sort, setSort] = createSignal<SortKey>('board');
  const [who, setWho] = createSignal<string>('anyone');
  const rows = createMemo(() =>
    listRows(props.board, {
      query: query(),
      assignee: who() === 'anyone' ? null : who(),
      sort: sort(),
    }),
  );
  const now = Date.now();
  let scroller!: HTMLDivElement;
  const virtualizer = createVirtualizer({
    get count() {
      return rows().length;
    },
    getScrollElement: () => scroller,
    estimateSize: () => ROW_PX,
    overscan: 10,
  });
  const assigneeOptions = () => [
    { value: 'anyone', label: 'Anyone' },
    ...(session.me() ? [{ value: session.me()?.user.id ?? '', label: 'Me' }] : []),
    ...people
      .active()
      .filter((p) => p.id !== session.me()?.user.id)
      .map((p) => ({ value: p.id, label: p.name })),
  ];

  return (
    <section class="card stack" aria-label="Task list">
      <div class="row">
        <div class="field">
          <label for="task-filter">Filter</label>
          <input
            id="task-filter"
            class="input"
            type="search"
            placeholder="Title or label"
            value={query()}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
        </div>
        <SelectField
          label="Assigned to"
          value={who()}
          options={assigneeOptions()}
          onChange={setWho}
        />
        <SelectField label="Sort by" value={sort()} options={SORTS} onChange={setSort} />
        <p class="muted small" role="status">
          {rows().length === 1 ? '1 task' : `${rows().length} tasks`}
        </p>
      </div>
      <div ref={scroller} class="task-list-scroller">
        <ul
          class="task-list"
          aria-label="Tasks"
          style={{ height: `${virtualizer.getTotalSize()}px` }}
        >
          <For each={virtualizer.getVirtualItems()}>
            {(item) => (
              <Show when={rows()[item.index]}>
                {(row) => (
                  <li class="task-row" style={{ transform: `translateY(${item.start}px)` }}>
                    <button
                      type="button"
                      class="task-row-button"
                      onClick={() => props.onOpen(row().task.id)}
                    >
                      <span class="task-row-title">{row().task.title}</span>
                      <span class="badge">{row().columnName}</span>
                      <span class="small muted">{dueLabel(row().task, now)}</span>
                      <Show when={row().task.priority !== 'none'}>
                        <span class="badge">{priorityLabels[row().task.priority]}</span>
                      </Show>
                      <span class="small muted task-row-people">
                        {row()
                          .task.assignees.map((id) => people.nameOf(id))
                          .join(', ')}
                      </span>
                    </button>
                  </li>
                )}
              </Show>
            )}
          </For>
        </ul>
      </div>
    </section>
  );
}
