import { For, Show } from 'solid-js';
import type { UserSummary } from '../../../../../shared/api/schemas.js';
import type { TaskSnapshot } from '../../../workspace/tasks/index.js';
import { dueLabel, priorityLabels } from '../task-format.js';
import { initials } from './initials.js';

/**
 * One card on the board, as tall as its content: the whole title (up to four lines)
 * and its facts, wrapping. The board measures each card as it renders.
 */
export function TaskCard(props: {
  task: TaskSnapshot;
  people: readonly UserSummary[];
  now: number;
  draggable: boolean;
  onOpen: () => void;
  onDragStart: (event: DragEvent) => void;
  onKeyMove: (direction: 'up' | 'down' | 'left' | 'right') => void;
}) {
  const names = () =>
    props.task.assignees.map(
      (id) => props.people.find((person) => person.id === id)?.name ?? 'Someone',
    );
  const overdue = () =>
    props.task.deadline !== null &&
    props.task.completedAt === null &&
    props.task.deadline < props.now;
  const hasFacts = () =>
    props.task.deadline !== null ||
    props.task.priority !== 'none' ||
    props.task.subtasks.total > 0 ||
    props.task.assignees.length > 0;
  return (
    <button
      type="button"
      class="task-card"
      classList={{ 'task-card-done': props.task.completedAt !== null }}
      draggable={props.draggable}
      data-task-id={props.task.id}
      aria-keyshortcuts={
        props.draggable ? 'Alt+ArrowUp Alt+ArrowDown Alt+ArrowLeft Alt+ArrowRight' : undefined
      }
      onClick={() => props.onOpen()}
      onDragStart={(event) => props.onDragStart(event)}
      onKeyDown={(event) => {
        if (!event.altKey || !props.draggable) return;
        const direction = (
          { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' } as const
        )[event.key as 'ArrowUp'];
        if (!direction) return;
        event.preventDefault();
        props.onKeyMove(direction);
      }}
    >
      <span class="task-card-title">{props.task.title}</span>
      <Show when={hasFacts()}>
        <span class="task-card-facts small">
          <Show when={props.task.deadline !== null}>
            <span class={overdue() ? 'badge badge-warn' : 'badge'}>
              {dueLabel(props.task, props.now)}
            </span>
          </Show>
          <Show when={props.task.priority !== 'none'}>
            <span class="badge">{priorityLabels[props.task.priority]}</span>
          </Show>
          <Show when={props.task.subtasks.total > 0}>
            <span class="badge" title="Subtasks done">
              {props.task.subtasks.done}/{props.task.subtasks.total}
            </span>
          </Show>
          <For each={names()}>
            {(name) => (
              <span
                class="task-card-avatar"
                role="img"
                title={name}
                aria-label={`Assigned to ${name}`}
              >
                {initials(name)}
              </span>
            )}
          </For>
        </span>
      </Show>
    </button>
  );
}
