import './tasks.css';
import { useNavigate } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, onCleanup, untrack } from 'solid-js';
import { useSession } from '../../auth/session-context.js';
import { viewerTimeZone } from '../../../../shared/model/time/zoned-time.js';
import { dueReminders, snoozeReminder, type Reminder } from '../../workspace/tasks/index.js';
import { summaryTasks } from '../../workspace/task-summary.js';
import { useWorkspaceSync } from '../../workspace/workspace-sync-context.js';
import { loadReminderState, saveReminderState } from '../../workspace/reminder-store.js';
import { useDirectory } from '../../workspace/workspace-context.js';

const CHECK_EVERY_MS = 30_000;
const SNOOZE_MS = 60 * 60_000;

function reminderText(reminder: Reminder, now: number): string {
  if (reminder.kind === 'overdue') return `Overdue: ${reminder.title}`;
  const m = Math.round((reminder.deadline - now) / 60_000);
  if (m <= 0) return `Due now: ${reminder.title}`;
  const when =
    m < 60 ? `${m} min` : m < 1440 ? `${Math.round(m / 60)} h` : `${Math.round(m / 1440)} d`;
  return `Due in ${when}: ${reminder.title}`;
}

/**
 * Reminders for the signed-in person only, computed on this device from the
 * projects it holds (the relay never sees them): an in-app alert and, when allowed,
 * a browser notification. Runs every 30 s and soon after any project changes.
 */
export function TaskReminders() {
  const session = useSession();
  const navigate = useNavigate();
  const workspace = useWorkspaceSync();
  const directory = useDirectory();
  const projects = () => directory.ofKind('board');
  const [shown, setShown] = createSignal<Reminder[]>([]);
  // This person's open tasks from the projects' summaries: no project is held open.
  const myTasks = createMemo(() => summaryTasks(workspace.summaries, projects()));

  const check = () => {
    const me = session.me()?.user.id;
    if (!me) return;
    const tasks = untrack(myTasks);
    const result = dueReminders(tasks, me, Date.now(), loadReminderState(localStorage, me), {
      timeZone: viewerTimeZone(),
    });
    saveReminderState(localStorage, me, result.state);
    if (result.reminders.length === 0) return;
    setShown((current) => [
      ...current.filter((r) => !result.reminders.some((n) => n.taskId === r.taskId)),
      ...result.reminders,
    ]);
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      for (const reminder of result.reminders) {
        const note = new Notification(reminderText(reminder, Date.now()), {
          tag: `task:${reminder.taskId}`,
        });
        note.onclick = () => {
          window.focus();
          navigate(`/tasks/${reminder.projectId}?task=${reminder.taskId}`);
        };
      }
    }
  };

  const timer = setInterval(check, CHECK_EVERY_MS);
  onCleanup(() => clearInterval(timer));
  let soon: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(soon));
  createEffect(
    on(myTasks, () => {
      clearTimeout(soon);
      soon = setTimeout(check, 500);
    }),
  );
  check();

  const dismiss = (reminder: Reminder) =>
    setShown((current) => current.filter((r) => r.taskId !== reminder.taskId));
  const snooze = (reminder: Reminder) => {
    const me = session.me()?.user.id;
    if (me) {
      const state = loadReminderState(localStorage, me);
      saveReminderState(
        localStorage,
        me,
        snoozeReminder(state, reminder.projectId, reminder.taskId, Date.now() + SNOOZE_MS),
      );
    }
    dismiss(reminder);
  };

  return (
    <section class="reminders" aria-label="Reminders" aria-live="assertive">
      <For each={shown()}>
        {(reminder) => (
          <div class="reminder card" role="alert">
            <p>{reminderText(reminder, Date.now())}</p>
            <div class="row">
              <button
                type="button"
                class="button button-small button-primary"
                onClick={() => {
                  dismiss(reminder);
                  navigate(`/tasks/${reminder.projectId}?task=${reminder.taskId}`);
                }}
              >
                Open
              </button>
              <button type="button" class="button button-small" onClick={() => snooze(reminder)}>
                Snooze 1 hour
              </button>
              <button type="button" class="button button-small" onClick={() => dismiss(reminder)}>
                Dismiss
              </button>
            </div>
          </div>
        )}
      </For>
    </section>
  );
}
