import { For } from 'solid-js';
import type * as Y from 'yjs';
import { assign, unassign, type TaskSnapshot } from '../../workspace/tasks/index.js';
import { usePeople } from '../../workspace/workspace-context.js';
import { AccessWarnings } from './AccessWarnings.js';
import { useEditContext } from './task-context.js';

/**
 * Who a task is assigned to, with a warning for each assignee who cannot read the
 * project (AccessWarnings).
 */
export function AssigneePicker(props: {
  doc: Y.Doc;
  projectId: string;
  task: TaskSnapshot;
  edit: (fn: () => void) => void;
}) {
  const ctx = useEditContext();
  const people = usePeople();

  return (
    <fieldset class="fieldset">
      <legend>Assignees</legend>
      <div class="assignee-options">
        <For each={people.active()} fallback={<p class="muted small">No one to assign.</p>}>
          {(person) => (
            <label class="check">
              <input
                type="checkbox"
                checked={props.task.assignees.includes(person.id)}
                onChange={(event) =>
                  props.edit(() =>
                    event.currentTarget.checked
                      ? assign(props.doc, props.task.id, person.id, ctx())
                      : unassign(props.doc, props.task.id, person.id, ctx()),
                  )
                }
              />
              {person.name}
            </label>
          )}
        </For>
      </div>
      <AccessWarnings projectId={props.projectId} assignees={props.task.assignees} />
    </fieldset>
  );
}
