import { useNavigate } from '@solidjs/router';
import { createEffect, createSignal, For, on, onCleanup, untrack } from 'solid-js';
import { createStore } from 'solid-js/store';
import { useSession } from '../../auth/session-context.js';
import { useRoom } from '../../sync/registry-context.js';
import { fromYjs } from '../../sync/yjs-signal.js';
import {
  occurrencesOn,
  readCalendarDoc,
  todayIn,
  viewerZone,
} from '../../workspace/calendar/index.js';
import {
  dueReminders,
  type Reminder,
  type ReminderState,
  type ReminderTask,
} from '../../workspace/tasks/index.js';
import { loadReminderState, saveReminderState } from '../../workspace/reminder-store.js';
import { useDirectory } from '../../workspace/workspace-context.js';
import { reminderTasks, REMINDER_HORIZON_DAYS } from './event-reminders.js';

const CHECK_EVERY_MS = 30_000;
/** Under the tasks' prefix (ws:reminders:), so it goes with the device data on sign-out. */
const stateKey = (userId: string) => `calendar:${userId}`;
const loadState = (userId: string) => loadReminderState(localStorage, stateKey(userId));
const saveState = (userId: string, state: ReminderState) =>
  saveReminderState(localStorage, stateKey(userId), state);

function text(reminder: Reminder, now: number): string {
  const m = Math.round((reminder.deadline - now) / 60_000);
  if (m <= 0) return `Starting now: ${reminder.title}`;
  return `In ${m < 60 ? `${m} min` : m < 1440 ? `${Math.round(m / 60)} h` : `${Math.round(m / 1440)} d`}: ${reminder.title}`;
}

/** One calendar held open while the app is, feeding its upcoming occurrences to the clock. */
function CalendarWatch(props: {
  id: string;
  me: string;
  onTasks: (id: string, tasks: ReminderTask[]) => void;
}) {
  const handle = useRoom(props.id);
  const calendar = fromYjs(handle.doc, () => readCalendarDoc(handle.doc));
  const zone = viewerZone();
  const update = () =>
    props.onTasks(
      props.id,
      reminderTasks(
        props.id,
        occurrencesOn(calendar(), todayIn(zone), REMINDER_HORIZON_DAYS, zone),
        props.me,
        Date.now(),
      ),
    );
  const timer = setInterval(update, CHECK_EVERY_MS);
  onCleanup(() => {
    clearInterval(timer);
    props.onTasks(props.id, []);
  });
  createEffect(on(calendar, update));
  return null;
}

/**
 * Event reminders of the signed-in person while the app is open: an in-app alert
 * and, when allowed, a browser notification, computed on this device [CAL36].
 */
export function CalendarReminders() {
  const session = useSession();
  const navigate = useNavigate();
  const directory = useDirectory();
  const [tasks, setTasks] = createStore<Record<string, ReminderTask[]>>({});
  const [shown, setShown] = createSignal<Reminder[]>([]);
  const me = () => session.me()?.user.id;

  const check = () => {
    const userId = me();
    if (!userId) return;
    const all = Object.values(untrack(() => ({ ...tasks }))).flat();
    const result = dueReminders(all, userId, Date.now(), loadState(userId), {
      timeZone: viewerZone(),
    });
    saveState(userId, result.state);
    const fresh = result.reminders.filter((r) => r.kind === 'before-due');
    if (fresh.length === 0) return;
    setShown((current) => [
      ...current.filter((r) => !fresh.some((n) => n.taskId === r.taskId)),
      ...fresh,
    ]);
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted')
      for (const r of fresh) new Notification(text(r, Date.now()), { tag: `event:${r.taskId}` });
  };
  const timer = setInterval(check, CHECK_EVERY_MS);
  onCleanup(() => clearInterval(timer));
  const dismiss = (r: Reminder) =>
    setShown((current) => current.filter((x) => x.taskId !== r.taskId));

  return (
    <section class="reminders" aria-label="Event reminders" aria-live="assertive">
      <For each={me() ? directory.ofKind('calendar') : []}>
        {(room) => (
          <CalendarWatch
            id={room.id}
            me={me() ?? ''}
            onTasks={(id, list) => {
              setTasks(id, list);
              check();
            }}
          />
        )}
      </For>
      <For each={shown()}>
        {(r) => (
          <div class="reminder card" role="alert">
            <p>{text(r, Date.now())}</p>
            <div class="row">
              <button
                type="button"
                class="button button-small button-primary"
                onClick={() => {
                  dismiss(r);
                  navigate(`/calendar/${r.projectId}`);
                }}
              >
                Open
              </button>
              <button type="button" class="button button-small" onClick={() => dismiss(r)}>
                Dismiss
              </button>
            </div>
          </div>
        )}
      </For>
    </section>
  );
}
