import './event.css';
import { createMemo, createSignal, createUniqueId, Show, untrack } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import type * as Y from 'yjs';
import { useSession } from '../../../auth/session-context.js';
import { origins } from '../../../sync/origins.js';
import { fromYjs } from '../../../sync/yjs-signal.js';
import { Dialog } from '../../../ui/Dialog.js';
import { FormError } from '../../../ui/FormError.js';
import { SegmentedControl } from '../../../ui/SegmentedControl.js';
import {
  CalendarError,
  EventTime,
  newEventId,
  readEvent,
  timeAt,
  viewerZone,
  type CalendarEvent,
  type EditContext,
} from '../../../workspace/calendar/index.js';
import { AttendeesField } from './AttendeesField.js';
import type { EventAreaProps } from './event-areas.js';
import { draftFrom, newDraft, timeFields, timeOf, type EventDraft } from './event-draft.js';
import { EventTimeFields } from './EventTimeFields.js';
import { RemindersField } from './RemindersField.js';
import { RepeatFields } from './RepeatFields.js';
import { deleteTarget, saveDraft, type EditTarget, type Scope } from './save-event.js';
import { InviteAnswersArea } from '../invites/InviteAnswersArea.js';
import { FindTimeArea } from '../availability/FindTimePanel.js';
import { MeetingNotesArea } from '../notes/MeetingNotesArea.js';

/** What the editor opens on: a new event at a slot, or a saved event (one occurrence of a series). */
export type EventDialogTarget =
  | { readonly kind: 'new'; readonly start: string; readonly allDay: boolean }
  | { readonly kind: 'event'; readonly eventId: string; readonly recurrenceId: string | null };

const SCOPES = [
  { value: 'this', label: 'This event' },
  { value: 'following', label: 'This and following' },
  { value: 'all', label: 'All events' },
] as const;

/** The event editor (create and edit) of one calendar [CAL30]. */
export function EventDialog(props: {
  doc: Y.Doc;
  calendarId: string;
  readOnly: boolean;
  target: EventDialogTarget;
  onClose: () => void;
}) {
  const target = props.target;
  if (target.kind === 'new')
    return <EventEditor {...props} event={undefined} recurrenceId={null} start={target} />;
  const event = fromYjs(props.doc, () => readEvent(props.doc, target.eventId));
  return (
    <Show
      when={event()}
      keyed
      fallback={
        <Dialog title="Event not found" onClose={() => props.onClose()} closeButton>
          <p>It was deleted, or has not reached this device yet.</p>
        </Dialog>
      }
    >
      {(found) => <EventEditor {...props} event={found} recurrenceId={target.recurrenceId} />}
    </Show>
  );
}

function initialDraft(
  event: CalendarEvent | undefined,
  rid: string | null,
  start: { start: string; allDay: boolean } | undefined,
  zone: string,
): EventDraft {
  if (!event)
    return newDraft(
      start?.start ?? `${new Date().toISOString().slice(0, 10)}T09:00`,
      zone,
      start?.allDay,
    );
  if (rid === null) return draftFrom(event, zone);
  const override = event.overrides[rid] ?? {};
  return draftFrom(
    {
      ...event,
      title: override.title ?? event.title,
      location: override.location ?? event.location,
      description: override.description ?? event.description,
      meetingUrl: override.meetingUrl === undefined ? event.meetingUrl : override.meetingUrl,
      time: override.time ?? timeAt(event.time, rid),
    },
    zone,
  );
}

const FIELD_NAMES: Record<string, string> = {
  title: 'Title',
  time: 'When',
  timeZone: 'Time zone',
  meetingUrl: 'Meeting link',
  rrule: 'Repeat rule',
  reminders: 'Reminders',
};

/** The model's "path: message" made readable: field names as the form labels them. */
function errorText(failure: CalendarError): string {
  return failure.message.replace(/(^|; )([\w.]+):/g, (_, sep: string, path: string) => {
    const name = path
      .split('.')
      .map((part) => FIELD_NAMES[part])
      .filter(Boolean)
      .pop();
    return `${sep}${name ?? path}:`;
  });
}

function EventEditor(props: {
  doc: Y.Doc;
  calendarId: string;
  readOnly: boolean;
  event: CalendarEvent | undefined;
  recurrenceId: string | null;
  start?: { start: string; allDay: boolean };
  onClose: () => void;
}) {
  const session = useSession();
  const id = createUniqueId();
  const zone = viewerZone();
  // The draft starts from the event as it was when the dialog opened and is not
  // replaced by later remote edits: saving writes only what this person changed.
  const before = untrack(() => initialDraft(props.event, props.recurrenceId, props.start, zone));
  const [draft, setDraft] = createStore<EventDraft>(structuredClone(before));
  const [scope, setScope] = createSignal<Scope>('this');
  const [error, setError] = createSignal<string | null>(null);
  const [confirmDelete, setConfirmDelete] = createSignal(false);
  const series = () => props.recurrenceId !== null;
  const wholeSeriesOnly = () => series() && scope() === 'this';
  const ctx = (): EditContext => ({
    by: session.me()?.user.id ?? 'unknown',
    now: Date.now(),
    origin: origins.edit,
  });
  const editTarget = (): EditTarget =>
    props.event
      ? { kind: 'event', event: props.event, recurrenceId: props.recurrenceId }
      : { kind: 'new' };

  /** Runs a model write; a refused one (CalendarError) is shown and nothing was written [CAL4]. */
  const run = (write: () => void) => {
    try {
      write();
      props.onClose();
    } catch (failure) {
      if (!(failure instanceof CalendarError)) throw failure;
      setError(errorText(failure));
    }
  };
  const save = (e: SubmitEvent) => {
    e.preventDefault();
    run(() =>
      saveDraft(
        props.doc,
        editTarget(),
        { before, after: unwrap(draft) },
        scope(),
        ctx(),
        newEventId,
      ),
    );
  };
  const remove = () => {
    const event = props.event;
    if (event)
      run(() => deleteTarget(props.doc, event, props.recurrenceId, scope(), ctx(), newEventId));
  };

  const time = createMemo(() => {
    const parsed = EventTime.safeParse(timeOf(draft));
    return parsed.success ? parsed.data : null;
  });
  const area: EventAreaProps = {
    doc: props.doc,
    calendarId: props.calendarId,
    event: props.event,
    recurrenceId: props.recurrenceId,
    readOnly: props.readOnly,
    attendees: () => draft.attendees,
    time,
    setTime: (next) => setDraft(timeFields(next, draft.timeZone)),
    close: () => props.onClose(),
  };

  const footer = (
    <Show
      when={!props.readOnly}
      fallback={
        <button type="button" class="button" onClick={() => props.onClose()}>
          Close
        </button>
      }
    >
      <Show
        when={confirmDelete()}
        fallback={
          <>
            <button type="submit" form={`${id}-form`} class="button button-primary">
              {props.event ? 'Save' : 'Create event'}
            </button>
            <button type="button" class="button" onClick={() => props.onClose()}>
              Cancel
            </button>
            <Show when={props.event}>
              <button
                type="button"
                class="button button-danger event-delete"
                onClick={() => setConfirmDelete(true)}
              >
                Delete…
              </button>
            </Show>
          </>
        }
      >
        <p class="event-confirm">
          {series()
            ? `Delete ${SCOPES.find((s) => s.value === scope())?.label.toLowerCase()}?`
            : 'Delete this event?'}
        </p>
        <button type="button" class="button button-danger" onClick={remove}>
          Delete
        </button>
        <button type="button" class="button" onClick={() => setConfirmDelete(false)}>
          Keep
        </button>
      </Show>
    </Show>
  );

  return (
    <Dialog
      title={props.event ? (props.readOnly ? props.event.title : 'Edit event') : 'New event'}
      onClose={() => props.onClose()}
      closeButton
      sheet
      footer={footer}
    >
      <form id={`${id}-form`} class="stack event-form" onSubmit={save} novalidate>
        <FormError message={error()} />
        <Show when={series() && !props.readOnly}>
          <SegmentedControl
            legend="Change"
            name={`${id}-scope`}
            options={SCOPES}
            value={scope()}
            onChange={setScope}
          />
        </Show>
        <fieldset class="event-plain" disabled={props.readOnly}>
          <div class="field">
            <label for={`${id}-title`}>Title</label>
            <input
              id={`${id}-title`}
              class="input"
              required
              maxLength={500}
              value={draft.title}
              onInput={(e) => setDraft('title', e.currentTarget.value)}
            />
          </div>
        </fieldset>
        <EventTimeFields draft={draft} set={setDraft} disabled={props.readOnly} />
        <FindTimeArea {...area} />
        <fieldset class="event-plain stack" disabled={props.readOnly}>
          <div class="field">
            <label for={`${id}-loc`}>Location</label>
            <input
              id={`${id}-loc`}
              class="input"
              value={draft.location}
              onInput={(e) => setDraft('location', e.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label for={`${id}-url`}>Meeting link</label>
            <input
              id={`${id}-url`}
              class="input"
              type="url"
              placeholder="https://"
              aria-describedby={`${id}-url-hint`}
              value={draft.meetingUrl}
              onInput={(e) => setDraft('meetingUrl', e.currentTarget.value)}
            />
            <p id={`${id}-url-hint`} class="muted small">
              An http or https address.
            </p>
          </div>
          <div class="field">
            <label for={`${id}-desc`}>Description</label>
            <textarea
              id={`${id}-desc`}
              class="input"
              rows="3"
              value={draft.description}
              onInput={(e) => setDraft('description', e.currentTarget.value)}
            />
          </div>
        </fieldset>
        <Show when={wholeSeriesOnly() && !props.readOnly}>
          <p class="muted small">
            Guests, reminders and the repeat rule belong to the whole series: choose “This and
            following” or “All events” to change them.
          </p>
        </Show>
        <AttendeesField
          attendees={draft.attendees}
          onChange={(list) => setDraft('attendees', list)}
          disabled={props.readOnly || wholeSeriesOnly()}
        />
        <InviteAnswersArea {...area} />
        <RemindersField
          reminders={draft.reminders}
          onChange={(list) => setDraft('reminders', list)}
          disabled={props.readOnly || wholeSeriesOnly()}
        />
        <RepeatFields draft={draft} set={setDraft} disabled={props.readOnly || wholeSeriesOnly()} />
        <MeetingNotesArea {...area} />
      </form>
    </Dialog>
  );
}
