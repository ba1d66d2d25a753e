import { createVirtualizer } from '@tanstack/solid-virtual';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import type * as Y from 'yjs';
import type { UserSummary } from '../../../../../shared/api/schemas.js';
import { createTask, moveTask, type Board } from '../../../workspace/tasks/index.js';
import { newTaskId, useEditContext } from '../task-context.js';
import { usePeople } from '../../../workspace/workspace-context.js';
import { CARD_ROW_PX, dropIndex, keyboardTarget, slotAt, slotTop } from './board-moves.js';
import { TaskCard } from './TaskCard.js';
import { InlineAddForm } from '../../../ui/InlineAddForm.js';

const DRAG_TYPE = 'application/x-workspace-task';

export interface BoardViewProps {
  doc: Y.Doc;
  board: Board;
  readOnly: boolean;
  onOpen: (taskId: string) => void;
}

/**
 * Kanban: columns side by side sharing the board's width (a grid; it scrolls
 * sideways only when each column would be narrower than its minimum), each a
 * virtualized list of cards measured as they render, so a column with thousands of
 * cards renders only what is on screen. Cards move by drag and drop or, from the
 * keyboard, with Alt+arrows; either way one moveTask per move.
 */
export function BoardView(props: BoardViewProps) {
  const ctx = useEditContext();
  const people = usePeople();
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 60_000);
  onCleanup(() => clearInterval(timer));
  const move = (taskId: string, columnId: string, index: number) =>
    moveTask(props.doc, taskId, { columnId, index }, ctx());

  return (
    <div class="board" style={{ '--board-columns': props.board.columns.length }}>
      <For each={props.board.columns.map((column) => column.id)}>
        {(columnId) => (
          <ColumnView
            columnId={columnId}
            props={props}
            people={people.all()}
            now={now()}
            onMove={move}
          />
        )}
      </For>
    </div>
  );
}

function ColumnView(p: {
  columnId: string;
  props: BoardViewProps;
  people: readonly UserSummary[];
  now: number;
  onMove: (taskId: string, columnId: string, index: number) => void;
}) {
  const ctx = useEditContext();
  const column = () => p.props.board.columns.find((c) => c.id === p.columnId);
  const tasks = () => column()?.tasks ?? [];
  const [dropSlot, setDropSlot] = createSignal<number | null>(null);
  let scroller!: HTMLDivElement;
  const virtualizer = createVirtualizer({
    get count() {
      return tasks().length;
    },
    getScrollElement: () => scroller,
    estimateSize: () => CARD_ROW_PX,
    // Measured heights follow the card, not its position, when cards move.
    getItemKey: (index) => tasks()[index]?.id ?? index,
    overscan: 6,
  });
  const headingId = `column-${p.columnId}`;
  const slotFor = (event: DragEvent) =>
    slotAt(
      event.clientY - scroller.getBoundingClientRect().top + scroller.scrollTop,
      virtualizer.getVirtualItems(),
      tasks().length,
    );

  return (
    <section class="board-column" aria-labelledby={headingId}>
      <h2 id={headingId} class="board-column-title">
        {column()?.name} <span class="badge">{tasks().length}</span>
      </h2>
      <div
        ref={scroller}
        class="board-cards"
        onDragOver={(event) => {
          if (p.props.readOnly || !event.dataTransfer?.types.includes(DRAG_TYPE)) return;
          event.preventDefault();
          setDropSlot(slotFor(event));
        }}
        onDragLeave={() => setDropSlot(null)}
        onDrop={(event) => {
          const taskId = event.dataTransfer?.getData(DRAG_TYPE);
          setDropSlot(null);
          if (!taskId || p.props.readOnly) return;
          event.preventDefault();
          p.onMove(
            taskId,
            p.columnId,
            dropIndex(p.props.board, taskId, p.columnId, slotFor(event)),
          );
        }}
      >
        <ul
          class="board-list"
          aria-label={`${column()?.name ?? ''} cards`}
          style={{ height: tasks().length > 0 ? `${virtualizer.getTotalSize()}px` : undefined }}
        >
          <Show when={tasks().length === 0}>
            <li class="board-empty muted small">
              {p.props.readOnly
                ? 'No tasks here.'
                : 'No tasks yet. Add one below or drop a card here.'}
            </li>
          </Show>
          <For each={virtualizer.getVirtualItems()}>
            {(item) => (
              <Show when={tasks()[item.index]}>
                {(task) => (
                  <li
                    class="board-item"
                    data-index={item.index}
                    ref={(element) => queueMicrotask(() => virtualizer.measureElement(element))}
                    style={{ transform: `translateY(${item.start}px)` }}
                  >
                    <TaskCard
                      task={task()}
                      people={p.people}
                      now={p.now}
                      draggable={!p.props.readOnly}
                      onOpen={() => p.props.onOpen(task().id)}
                      onDragStart={(event) => {
                        event.dataTransfer?.setData(DRAG_TYPE, task().id);
                        if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
                      }}
                      onKeyMove={(direction) => {
                        // Rows are reused by position: remember which card this was.
                        const id = task().id;
                        const target = keyboardTarget(p.props.board, id, direction);
                        if (target) p.onMove(id, target.columnId, target.index);
                        // The card re-renders elsewhere; keep focus on it.
                        queueMicrotask(() =>
                          document.querySelector<HTMLElement>(`[data-task-id="${id}"]`)?.focus(),
                        );
                      }}
                    />
                  </li>
                )}
              </Show>
            )}
          </For>
          <Show when={dropSlot() !== null}>
            <li
              class="board-drop"
              aria-hidden="true"
              style={{
                transform: `translateY(${slotTop(dropSlot() ?? 0, virtualizer.getVirtualItems()) - 4}px)`,
              }}
            />
          </Show>
        </ul>
      </div>
      <Show when={!p.props.readOnly}>
        <InlineAddForm
          label={`Add a task to ${column()?.name ?? ''}`}
          placeholder="Add a task"
          onAdd={(title) =>
            createTask(p.props.doc, { id: newTaskId(), title, columnId: p.columnId }, ctx())
          }
        />
      </Show>
    </section>
  );
}
