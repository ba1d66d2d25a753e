import { createSignal, Show } from 'solid-js';
import type * as Y from 'yjs';
import { fromYjs } from '../../sync/yjs-signal.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError } from '../../ui/FormError.js';
import { SelectField } from '../../ui/SelectField.js';
import {
  completeTask,
  moveTask,
  readColumns,
  readTask,
  reopenTask,
  type TaskSnapshot,
} from '../../workspace/tasks/index.js';
import { useEditContext } from './task-context.js';
import { TaskChecklist } from './TaskChecklist.js';
import { TaskFields } from './TaskFields.js';
import { TaskSubtasks } from './TaskSubtasks.js';

/** A task's details, editable in place; `?task=<id>` in the project's URL opens it. */
export function TaskDialog(props: {
  doc: Y.Doc;
  projectId: string;
  taskId: string;
  readOnly: boolean;
  onClose: () => void;
  /** Deletes the task (the page offers an undo); the dialog closes itself first. */
  onDelete: (task: TaskSnapshot) => void;
}) {
  const task = fromYjs(props.doc, () => readTask(props.doc, props.taskId));
  return (
    <Show
      when={task()}
      fallback={
        <Dialog title="Task not found" onClose={() => props.onClose()} closeButton sheet>
          <p>It was deleted, or has not reached this device yet.</p>
        </Dialog>
      }
    >
      {(current) => <TaskDetails {...props} task={current()} />}
    </Show>
  );
}

function TaskDetails(props: {
  doc: Y.Doc;
  projectId: string;
  task: TaskSnapshot;
  readOnly: boolean;
  onClose: () => void;
  onDelete: (task: TaskSnapshot) => void;
}) {
  const ctx = useEditContext();
  const [error, setError] = createSignal<string | null>(null);
  const columns = fromYjs(props.doc, () => readColumns(props.doc).list);
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
  const footer = (
    <Show when={!props.readOnly}>
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
          const task = props.task;
          props.onClose();
          props.onDelete(task);
        }}
      >
        Delete
      </button>
    </Show>
  );

  return (
    <Dialog
      title={props.task.title}
      onClose={() => props.onClose()}
      footer={footer}
      closeButton
      sheet
    >
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
      <TaskFields
        doc={props.doc}
        projectId={props.projectId}
        task={props.task}
        readOnly={props.readOnly}
        edit={edit}
      />
      <TaskChecklist doc={props.doc} task={props.task} readOnly={props.readOnly} edit={edit} />
      <TaskSubtasks doc={props.doc} task={props.task} readOnly={props.readOnly} edit={edit} />
      <Show when={props.task.source}>{(source) => <SourceLink source={source()} />}</Show>
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
