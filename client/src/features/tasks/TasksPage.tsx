import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { useSession } from '../../auth/session-context.js';
import { EmptyState } from '../../ui/States.js';
import { NewRoomForm } from '../../workspace/rooms/NewRoomForm.js';
import { useDirectory } from '../../workspace/workspace-context.js';
import { MyTasksCard } from './MyTasksCard.js';
import { NotificationsSwitch } from './NotificationsSwitch.js';

/** /tasks — My tasks across every project, and the list of projects. */
export function TasksPage() {
  const session = useSession();
  const directory = useDirectory();
  const projects = () => directory.ofKind('board');
  const [creating, setCreating] = createSignal(false);
  const canCreate = () => session.me()?.user.role !== 'guest';

  return (
    <div class="page stack">
      <header class="page-header tasks-header">
        <div>
          <h1>Tasks</h1>
          <p class="muted">What is yours to do, and every project you can see.</p>
        </div>
        <NotificationsSwitch />
      </header>
      <MyTasksCard projects={projects()} />
      <section class="card stack" aria-labelledby="projects-title">
        <h2 id="projects-title">Projects</h2>
        <Show
          when={projects().length > 0}
          fallback={
            <Show when={!creating()}>
              <EmptyState
                title="No projects yet"
                action={
                  <Show when={canCreate()}>
                    <button
                      type="button"
                      class="button button-primary"
                      onClick={() => setCreating(true)}
                    >
                      New project
                    </button>
                  </Show>
                }
              >
                A project is a board of tasks with a list and a timeline. Start one for your team.
              </EmptyState>
            </Show>
          }
        >
          <ul class="item-list" aria-label="Projects">
            <For each={projects()}>
              {(project) => (
                <li class="item">
                  <A class="item-title" href={`/tasks/${project.id}`}>
                    {project.title}
                  </A>
                  <Show when={project.level === 'read'}>
                    <span class="badge">Read only</span>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={canCreate() && (creating() || projects().length > 0)}>
          <Show
            when={creating()}
            fallback={
              <div>
                <button type="button" class="button" onClick={() => setCreating(true)}>
                  New project
                </button>
              </div>
            }
          >
            <NewRoomForm
              kind="board"
              noun="project"
              open={(room) => `/tasks/${room.id}`}
              onCancel={() => setCreating(false)}
            />
          </Show>
        </Show>
      </section>
    </div>
  );
}
