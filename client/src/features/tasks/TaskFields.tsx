import { Show } from 'solid-js';
import type * as Y from 'yjs';
import { SelectField } from '../../ui/SelectField.js';
import {
  updateTask,
  type Priority,
  type RecurrenceRule,
  type TaskSnapshot,
} from '../../workspace/tasks/index.js';
import { viewerTimeZone } from '../../../../shared/model/time/zoned-time.js';
import { useEditContext } from './task-context.js';
import { priorityLabels } from './task-format.js';
import { AssigneePicker } from './AssigneePicker.js';

const REMINDERS = [
  { value: 'none', label: 'No reminder' },
  { value: '0', label: 'At the due time' },
  { value: '15', label: '15 minutes before' },
  { value: '60', label: '1 hour before' },
  { value: '1440', label: '1 day before' },
] as const;
type ReminderChoice = (typeof REMINDERS)[number]['value'];

const REPEATS = [
  { value: 'none', label: 'Does not repeat' },
  { value: 'daily', label: 'Every day' },
  { value: 'weekly', label: 'Every week' },
  { value: 'monthly', label: 'Every month' },
] as const;
type RepeatChoice = (typeof REPEATS)[number]['value'];

/** "Every 2 weeks": the interval field's label for each repeat kind. */
const intervalLabel = { daily: 'Every N days', weekly: 'Every N weeks', monthly: 'Every N months' };

/** The plain fields of a task: title, dates, priority, people, labels, reminder, repeat. */
export function TaskFields(props: {
  doc: Y.Doc;
  projectId: string;
  task: TaskSnapshot;
  readOnly: boolean;
  edit: (fn: () => void) => void;
}) {
  const ctx = useEditContext();
  const patch = (changes: Parameters<typeof updateTask>[2]) =>
    props.edit(() => updateTask(props.doc, props.task.id, changes, ctx()));
  const zone = () => props.task.due?.timeZone ?? viewerTimeZone();
  const setDue = (date: string, time: string) =>
    patch({
      due: date ? { date, ...(time ? { time } : {}), timeZone: zone() } : null,
      ...(date ? {} : { recurrence: null }),
    });
  const reminderChoice = (): ReminderChoice =>
    REMINDERS.find((r) => r.value === String(props.task.reminders[0]))?.value ?? 'none';
  const repeatChoice = (): RepeatChoice => props.task.recurrence?.freq ?? 'none';

  return (
    <fieldset class="fieldset stack" disabled={props.readOnly}>
      <legend class="visually-hidden">Details</legend>
      <div class="field">
        <label for="task-title">Title</label>
        <input
          id="task-title"
          class="input"
          maxLength={500}
          value={props.task.title}
          onChange={(event) => {
            const title = event.currentTarget.value.trim();
            if (title && title !== props.task.title) patch({ title });
          }}
        />
      </div>
      <Show when={props.task.description}>
        <p class="small">{props.task.description}</p>
      </Show>
      <div class="row">
        <div class="field">
          <label for="task-due">Due date</label>
          <input
            id="task-due"
            class="input"
            type="date"
            value={props.task.due?.date ?? ''}
            onChange={(event) => setDue(event.currentTarget.value, props.task.due?.time ?? '')}
          />
        </div>
        <div class="field">
          <label for="task-due-time">Due time</label>
          <input
            id="task-due-time"
            class="input"
            type="time"
            disabled={!props.task.due}
            value={props.task.due?.time ?? ''}
            onChange={(event) => setDue(props.task.due?.date ?? '', event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="task-start">Start date</label>
          <input
            id="task-start"
            class="input"
            type="date"
            value={props.task.start?.date ?? ''}
            onChange={(event) => {
              const date = event.currentTarget.value;
              patch({ start: date ? { date, timeZone: zone() } : null });
            }}
          />
        </div>
      </div>
      <div class="row">
        <SelectField
          label="Priority"
          value={props.task.priority}
          options={(Object.keys(priorityLabels) as Priority[]).map((value) => ({
            value,
            label: priorityLabels[value],
          }))}
          onChange={(priority) => patch({ priority })}
        />
        <SelectField
          label="Reminder"
          value={reminderChoice()}
          options={REMINDERS}
          onChange={(choice) => patch({ reminders: choice === 'none' ? [] : [Number(choice)] })}
        />
        <SelectField
          label="Repeat"
          value={repeatChoice()}
          options={REPEATS}
          onChange={(choice) => {
            const rule: RecurrenceRule | null =
              choice === 'none' ? null : { freq: choice, interval: 1 };
            patch({ recurrence: rule });
          }}
        />
        <Show when={props.task.recurrence}>
          {(rule) => (
            <div class="field">
              <label for="task-interval">{intervalLabel[rule().freq]}</label>
              <input
                id="task-interval"
                class="input"
                type="number"
                min={1}
                max={999}
                value={rule().interval}
                onChange={(event) => {
                  const interval = Math.round(Number(event.currentTarget.value));
                  if (interval >= 1 && interval <= 999) {
                    patch({ recurrence: { ...rule(), interval } });
                  }
                }}
              />
            </div>
          )}
        </Show>
      </div>
      <div class="field">
        <label for="task-labels">Labels</label>
        <input
          id="task-labels"
          class="input"
          placeholder="Comma separated"
          value={props.task.labels.join(', ')}
          onChange={(event) =>
            patch({
              labels: event.currentTarget.value
                .split(',')
                .map((label) => label.trim())
                .filter(Boolean),
            })
          }
        />
      </div>
      <AssigneePicker
        doc={props.doc}
        projectId={props.projectId}
        task={props.task}
        edit={props.edit}
      />
    </fieldset>
  );
}
