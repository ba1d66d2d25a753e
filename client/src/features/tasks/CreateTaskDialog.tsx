import { A } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { useRegistry } from '../../sync/registry-context.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError } from '../../ui/FormError.js';
import { SelectField } from '../../ui/SelectField.js';
import { useAction } from '../../ui/use-action.js';
import { viewerTimeZone } from '../../../../shared/model/time/zoned-time.js';
import type { CreateTaskProps } from '../../workspace/slots.js';
import { createProject, createTask, projectName } from '../../workspace/tasks/index.js';
import { useDirectory, usePeople } from '../../workspace/workspace-context.js';
import { AccessWarnings } from './AccessWarnings.js';
import { newTaskId, useEditContext } from './task-context.js';

/** The first line of some text, trimmed to a task title's length. */
export function titleFrom(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  const plain = line.replace(/[*_`#>]/g, '').trim();
  return plain.length > 200 ? `${plain.slice(0, 199)}…` : plain;
}

/**
 * "Create task" from something else (a chat message, a doc selection): the task
 * keeps a link back to its source. Assigning here warns, as the task sheet does, when
 * the assignee cannot see the chosen project. Works offline: the project's doc is written
 * locally and syncs when it can.
 */
export function CreateTaskDialog(props: CreateTaskProps) {
  const registry = useRegistry();
  const ctx = useEditContext();
  const directory = useDirectory();
  const projects = () => directory.ofKind('board').filter((project) => project.level === 'write');
  const [projectId, setProjectId] = createSignal(projects()[0]?.id ?? '');
  const [title, setTitle] = createSignal(titleFrom(props.text));
  const people = usePeople();
  const [assignee, setAssignee] = createSignal(props.assignee ?? '');
  const [due, setDue] = createSignal(props.due ?? '');
  const assignees = () => (assignee() === '' ? [] : [assignee()]);
  const [created, setCreated] = createSignal<{ projectId: string; taskId: string } | null>(null);
  const create = useAction(async () => {
    const target = projects().find((project) => project.id === projectId());
    if (!target) throw new Error('Choose a project you can edit.');
    const handle = registry.acquire(target.id);
    try {
      await waitFor(handle.loaded);
      if (projectName(handle.doc) === '') createProject(handle.doc, { name: target.title }, ctx());
      const taskId = createTask(
        handle.doc,
        {
          id: newTaskId(),
          title: title(),
          source: props.source,
          assignees: assignees(),
          due: due() === '' ? null : { date: due(), timeZone: viewerTimeZone() },
        },
        ctx(),
      );
      setCreated({ projectId: target.id, taskId });
    } finally {
      handle.release();
    }
  });

  return (
    <Dialog title="Create a task" onClose={() => props.onClose()}>
      <Show
        when={created()}
        fallback={
          <Show
            when={projects().length > 0}
            fallback={
              <>
                <p>There is no project you can add tasks to yet.</p>
                <A href="/tasks">Create a project in Tasks</A>
              </>
            }
          >
            <form
              class="stack"
              onSubmit={(event) => {
                event.preventDefault();
                create.run();
              }}
            >
              <div class="field">
                <label for="new-task-title">Title</label>
                <input
                  id="new-task-title"
                  class="input"
                  required
                  maxLength={500}
                  value={title()}
                  onInput={(event) => setTitle(event.currentTarget.value)}
                />
              </div>
              <SelectField
                label="Project"
                value={projectId()}
                options={projects().map((project) => ({ value: project.id, label: project.title }))}
                onChange={setProjectId}
              />
              <SelectField
                label="Assign to"
                value={assignee()}
                options={[
                  { value: '', label: 'No one' },
                  ...people.active().map((person) => ({ value: person.id, label: person.name })),
                ]}
                onChange={setAssignee}
              />
              <div class="field">
                <label for="new-task-due">Due</label>
                <input
                  id="new-task-due"
                  class="input"
                  type="date"
                  value={due()}
                  onInput={(event) => setDue(event.currentTarget.value)}
                />
              </div>
              <AccessWarnings projectId={projectId()} assignees={assignees()} />
              <FormError message={create.error()} />
              <div class="row">
                <button type="submit" class="button button-primary" disabled={create.busy()}>
                  Create task
                </button>
                <button type="button" class="button" onClick={() => props.onClose()}>
                  Cancel
                </button>
              </div>
            </form>
          </Show>
        }
      >
        {(done) => (
          <div class="stack">
            <p role="status">Task created. It links back here.</p>
            <div class="row">
              <A
                class="button button-primary"
                href={`/tasks/${done().projectId}?task=${encodeURIComponent(done().taskId)}`}
              >
                Open the task
              </A>
              <button type="button" class="button" onClick={() => props.onClose()}>
                Close
              </button>
            </div>
          </div>
        )}
      </Show>
    </Dialog>
  );
}

/** Resolves once `ready()` is true (a room's local copy has loaded). */
function waitFor(ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (ready() ? resolve() : setTimeout(check, 20));
    check();
  });
}
