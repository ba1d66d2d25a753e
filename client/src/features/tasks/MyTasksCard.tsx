import { A } from '@solidjs/router';
import { createSignal, For, onCleanup, Show } from 'solid-js';
import type { DirectoryRoom } from '../../../../shared/api/schemas.js';
import { useSession } from '../../auth/session-context.js';
import { viewerTimeZone } from '../../../../shared/model/time/zoned-time.js';
import { groupMyTasks, type MyTasks, type ProjectTask } from '../../workspace/tasks/index.js';
import { summaryTasks } from '../../workspace/task-summary.js';
import { useWorkspaceSync } from '../../workspace/workspace-sync-context.js';
import { dueLabel } from './task-format.js';

const GROUPS: ReadonlyArray<{ key: keyof MyTasks; label: string }> = [
  { key: 'overdue', label: 'Overdue' },
  { key: 'today', label: 'Today' },
  { key: 'thisWeek', label: 'This week' },
  { key: 'later', label: 'Later' },
];

/**
 * "My tasks" across all projects, grouped by when they are due. Only the viewer's
 * own open tasks: a glance at one's priorities, never a view of someone else's.
 */
export function MyTasksCard(props: { projects: readonly DirectoryRoom[] }) {
  const session = useSession();
  const workspace = useWorkspaceSync();
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 60_000);
  onCleanup(() => clearInterval(timer));
  const mine = () => {
    const me = session.me()?.user.id;
    const tasks = summaryTasks(workspace.summaries, props.projects);
    return me ? groupMyTasks(tasks, me, now(), viewerTimeZone()) : null;
  };
  const count = () => {
    const m = mine();
    return m ? GROUPS.reduce((n, g) => n + m[g.key].length, 0) : 0;
  };

  return (
    <section class="card stack" aria-labelledby="my-tasks-title">
      <h2 id="my-tasks-title">My tasks</h2>
      <Show when={count() > 0} fallback={<p class="muted">Nothing assigned to you. Enjoy.</p>}>
        <For each={GROUPS}>
          {(group) => (
            <Show when={(mine()?.[group.key].length ?? 0) > 0}>
              <h3 class="small">{group.label}</h3>
              <ul class="item-list" aria-label={`My tasks: ${group.label}`}>
                <For each={mine()?.[group.key] ?? []}>
                  {(entry: ProjectTask) => (
                    <li class="item">
                      <A
                        class="item-title"
                        href={`/tasks/${entry.projectId}?task=${entry.task.id}`}
                      >
                        {entry.task.title}
                      </A>
                      <span class="muted small">{entry.projectName}</span>
                      <Show when={entry.task.deadline !== null}>
                        <span class={group.key === 'overdue' ? 'badge badge-warn' : 'badge'}>
                          {dueLabel(entry.task, now())}
                        </span>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </For>
      </Show>
    </section>
  );
}
