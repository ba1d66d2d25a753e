import { For, Show } from 'solid-js';
import type * as Y from 'yjs';
import { fromYjs } from '../../sync/yjs-signal.js';
import { InlineAddForm } from '../../ui/InlineAddForm.js';
import {
  addSubtask,
  completeTask,
  readSubtasks,
  reopenTask,
  type TaskSnapshot,
} from '../../workspace/tasks/index.js';
import { newTaskId, useEditContext } from './task-context.js';

/** A task's subtasks: tick them off, add more. */
export function TaskSubtasks(props: {
  doc: Y.Doc;
  task: TaskSnapshot;
  readOnly: boolean;
  edit: (fn: () => void) => void;
}) {
  const ctx = useEditContext();
  const subtasks = fromYjs(props.doc, () => readSubtasks(props.doc, props.task.id));
  return (
    <section class="stack" aria-labelledby="subtasks-title">
      <h3 id="subtasks-title">
        Subtasks{' '}
        <Show when={props.task.subtasks.total > 0}>
          <span class="badge">
            {props.task.subtasks.done}/{props.task.subtasks.total} done
          </span>
        </Show>
      </h3>
      <ul class="plain-list" aria-label="Subtasks">
        <For each={subtasks()}>
          {(sub) => (
            <li>
              <label class="check">
                <input
                  type="checkbox"
                  disabled={props.readOnly}
                  checked={sub.completedAt !== null}
                  onChange={(event) =>
                    props.edit(() =>
                      event.currentTarget.checked
                        ? completeTask(props.doc, sub.id, ctx())
                        : reopenTask(props.doc, sub.id, ctx()),
                    )
                  }
                />
                {sub.title}
              </label>
            </li>
          )}
        </For>
      </ul>
      <Show when={!props.readOnly}>
        <InlineAddForm
          label="New subtask"
          placeholder="Add a subtask"
          onAdd={(title) =>
            props.edit(() =>
              addSubtask(props.doc, props.task.id, { id: newTaskId(), title }, ctx()),
            )
          }
        />
      </Show>
    </section>
  );
}
