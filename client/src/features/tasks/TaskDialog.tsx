import { createSignal, For, Show } from 'solid-js';
import type * as Y from 'yjs';
import { fromYjs } from '../../sync/yjs-signal.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError } from '../../ui/FormError.js';
import { SelectField } from '../../ui/SelectField.js';
import {
  completeTask,
  deleteTask,
  readColumns,
  readSubtasks,
  readTask,
  reopenTask,
  type TaskSnapshot,
} from '../../workspace/tasks/index.js';
import { moveTask } from '../../workspace/tasks/index.js';
import { newTaskId, useEditContext } from './task-context.js';
import { TaskFields } from './TaskFields.js';
import { TaskChecklist } from './TaskChecklist.js';
import { InlineAddForm } from '../../ui/InlineAddForm.js';
import { addSubtask } from '../../workspace/tasks/index.js';

/** A task's details, editable in place; `?task=<id>` in the project's URL opens it. */
export function TaskDialog(props: {
  doc: Y.Doc;
  projectId: string;
  taskId: string;
  readOnly: boolean;
  onClose: () => void;
}) {
  const task = fromYjs(props.doc, () => readTask(props.doc, props.taskId));
  return (
    <Show
      when={task()}
      fallback={
        <Dialog title="Task not found" onClose={() => props.onClose()}>
          <p>It was deleted, or has not reached this device yet.</p>
          <button type="button" class="button" onClick={() => props.onClose()}>
            Close
          </button>
        </Dialog>
      }
    >
      {(current) => <TaskDetails {...props} task={current()} />}
    </Show>
  );
}

function TaskDetails(props: {
  doc: Y.Doc;
  task: TaskSnapshot;
  readOnly: boolean;
  onClose: () => void;
}) {
  const ctx = useEditContext();
  const [error, setError] = createSignal<string | null>(null);
  const columns = fromYjs(props.doc, () => readColumns(props.doc).list);
  const subtasks = fromYjs(props.doc, () => readSubtasks(props.doc, props.task.id));
  /** Runs a model edit; a refused edit (bad input) is shown, never thrown at the page. */
  const edit = (fn: () => void) => {
    try {
      fn();
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  const isSubtask = () => props.task.parentId !== null;

  return (
    <Dialog title={props.task.title} onClose={() => props.onClose()}>
      <div class="stack task-dialog">
        <FormError message={error()} />
        <Show when={!isSubtask()}>
          <SelectField
            label="Column"
            value={props.task.columnId}
            options={columns().map((column) => ({ value: column.id, label: column.name }))}
            onChange={(columnId) =>
              edit(() => moveTask(props.doc, props.task.id, { columnId, index: 1e6 }, ctx()))
            }
          />
        </Show>
        <TaskFields doc={props.doc} task={props.task} readOnly={props.readOnly} edit={edit} />
        <TaskChecklist doc={props.doc} task={props.task} readOnly={props.readOnly} edit={edit} />
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
                        edit(() =>
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
                edit(() => addSubtask(props.doc, props.task.id, { id: newTaskId(), title }, ctx()))
              }
            />
          </Show>
        </section>
        <Show when={props.task.source}>{(source) => <SourceLink source={source()} />}</Show>
        <div class="row-between">
          <Show when={!props.readOnly} fallback={<span />}>
            <div class="row">
              <Show
                when={props.task.completedAt === null}
                fallback={
                  <button
                    type="button"
                    class="button"
                    onClick={() => edit(() => reopenTask(props.doc, props.task.id, ctx()))}
                  >
                    Reopen
                  </button>
                }
              >
                <button
                  type="button"
                  class="button button-primary"
                  onClick={() => edit(() => completeTask(props.doc, props.task.id, ctx()))}
                >
                  Mark complete
                </button>
              </Show>
              <button
                type="button"
                class="button button-danger"
                onClick={() => {
                  if (!confirm(`Delete “${props.task.title}” and its subtasks?`)) return;
                  edit(() => deleteTask(props.doc, props.task.id, ctx()));
                  props.onClose();
                }}
              >
                Delete
              </button>
            </div>
          </Show>
          <button type="button" class="button" onClick={() => props.onClose()}>
            Close
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function SourceLink(props: { source: NonNullable<TaskSnapshot['source']> }) {
  const href = () => {
    const s = props.source;
    switch (s.kind) {
      case 'doc':
        return `/docs/${s.room}`;
      case 'chat':
        return `/chat/${s.room}?message=${encodeURIComponent(s.messageId)}`;
      case 'task':
        return `/tasks/${s.projectId}?task=${encodeURIComponent(s.taskId)}`;
      case 'url':
        return s.url;
    }
  };
  const label = { doc: 'the doc', chat: 'the chat message', task: 'the task', url: 'the link' };
  return (
    <p class="small">
      Created from <a href={href()}>{label[props.source.kind]}</a>.
    </p>
  );
}
