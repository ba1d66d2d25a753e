import { For, Show } from 'solid-js';
import { useAction } from '../../ui/use-action.js';
import { FormError } from '../../ui/FormError.js';
import { assigneesWithoutAccess } from '../../workspace/tasks/index.js';
import { useDirectory, usePeople } from '../../workspace/workspace-context.js';
import { useProjectAccess } from './use-project-access.js';

/**
 * Names each assignee the project's access rule keeps out (they would never see the
 * task) [TASKS4], with "Share with <name>" for people who may manage the project's
 * access: an edit grant, after which the warning goes away. Used by the task sheet
 * and by "Create task" from a message or a doc, which both assign.
 */
export function AccessWarnings(props: { projectId: string; assignees: readonly string[] }) {
  const people = usePeople();
  const directory = useDirectory();
  const project = () => directory.byId(props.projectId);
  const projectAccess = useProjectAccess(() => props.projectId);
  const share = useAction((userId: string) => projectAccess.shareWith(userId));
  const blocked = () => {
    const access = projectAccess.access();
    const room = project();
    if (!access || !room) return [];
    return assigneesWithoutAccess(people.active(), props.assignees, {
      ownerId: room.ownerId,
      access,
    });
  };

  return (
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
  );
}
