import { For, Show } from 'solid-js';
import type * as Y from 'yjs';
import { useAction } from '../../ui/use-action.js';
import { FormError } from '../../ui/FormError.js';
import {
  assign,
  assigneesWithoutAccess,
  unassign,
  type TaskSnapshot,
} from '../../workspace/tasks/index.js';
import { useDirectory, usePeople } from '../../workspace/workspace-context.js';
import { useEditContext } from './task-context.js';
import { useProjectAccess } from './use-project-access.js';

/**
 * Who a task is assigned to. An assignee who cannot read the project would never
 * see the task, so they are named in a warning with "Share with <name>", which
 * gives them edit access to the project (for people who may manage its access).
 */
export function AssigneePicker(props: {
  doc: Y.Doc;
  projectId: string;
  task: TaskSnapshot;
  edit: (fn: () => void) => void;
}) {
  const ctx = useEditContext();
  const people = usePeople();
  const directory = useDirectory();
  const project = () => directory.byId(props.projectId);
  const projectAccess = useProjectAccess(() => props.projectId);
  const share = useAction((userId: string) => projectAccess.shareWith(userId));
  const blocked = () => {
    const access = projectAccess.access();
    const room = project();
    if (!access || !room) return [];
    return assigneesWithoutAccess(people.active(), props.task.assignees, {
      ownerId: room.ownerId,
      access,
    });
  };

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
      <div role="status" class="assignee-warnings">
        <For each={blocked()}>
          {(person) => (
            <div class="notice assignee-warning">
              <span>
                <strong>{person.name} can’t see this project</strong>, so they won’t see this task.
                <Show when={!project()?.canManage}> Ask the project’s owner to share it.</Show>
              </span>
              <Show when={project()?.canManage}>
                <button
                  type="button"
                  class="button button-small"
                  disabled={share.busy()}
                  onClick={() => share.run(person.id)}
                >
                  Share with {person.name}
                </button>
              </Show>
            </div>
          )}
        </For>
        <FormError message={share.error()} />
      </div>
    </fieldset>
  );
}
