import { A } from '@solidjs/router';
import { For, Show, type Accessor } from 'solid-js';
import { EmptyState } from '../../ui/States.js';
import { HomeCard } from './HomeCard.js';
import { useTodayTasks } from './use-home-data.js';

/** My tasks that are overdue or due today (Home, [HOME1]). */
export function TodayTasksCard(props: { now: Accessor<number> }) {
  const tasks = useTodayTasks(() => props.now());
  return (
    <HomeCard
      id="home-tasks"
      title="Today's tasks"
      more={{ href: '/tasks', label: 'All tasks' }}
      pending={tasks.pending() && tasks.value().shown.length === 0}
    >
      <Show
        when={tasks.value().shown.length > 0}
        fallback={
          <EmptyState
            level={3}
            title="No tasks due today"
            action={
              <A class="button button-small" href="/tasks">
                Open Tasks
              </A>
            }
          >
            Tasks assigned to you that are due today or overdue show up here.
          </EmptyState>
        }
      >
        <ul class="item-list home-list" aria-label="Tasks due today">
          <For each={tasks.value().shown}>
            {(entry) => (
              <li class="home-row">
                <A class="home-row-title" href={entry.href}>
                  {entry.task.title}
                </A>
                <span class="home-row-meta small">
                  <span class={entry.overdue ? 'home-overdue' : undefined}>{entry.when}</span>
                  {' · '}
                  {entry.projectName}
                </span>
              </li>
            )}
          </For>
        </ul>
        <Show when={tasks.value().more > 0}>
          <A class="small" href="/tasks">
            {tasks.value().more} more in My tasks
          </A>
        </Show>
      </Show>
    </HomeCard>
  );
}
