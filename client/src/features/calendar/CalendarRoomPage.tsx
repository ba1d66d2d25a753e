import { A, useNavigate, useParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { useSession } from '../../auth/session-context.js';
import { origins } from '../../sync/origins.js';
import { useRoom } from '../../sync/registry-context.js';
import { fromYjs } from '../../sync/yjs-signal.js';
import { FormError } from '../../ui/FormError.js';
import { EmptyState, Skeleton } from '../../ui/States.js';
import {
  CalendarError,
  newEventId,
  instantOf,
  occurrencesOn,
  readCalendarDoc,
  todayIn,
  viewerZone,
  type EventTime,
  type Occurrence,
} from '../../workspace/calendar/index.js';
import { addCalendarDays } from '../../../../shared/model/time/calendar-date.js';
import { useDirectory } from '../../workspace/workspace-context.js';
import { invitationOccurrences } from '../../workspace/calendar/invitations.js';
import { useCalendarInvites, usePublishInvites } from '../../workspace/calendar/invites-context.js';
import { isPersonalCalendar } from './personal-calendar.js';
import { EventDialog, type EventDialogTarget } from './event/EventDialog.js';
import { CalendarIcsActions } from './ics/CalendarIcsActions.js';
import { moveOccurrence, type Scope } from './event/save-event.js';
import { CalendarViews } from './views/CalendarViews.js';
import { ScopePrompt } from './views/ScopePrompt.js';

/** /calendar/:id — one calendar in day, week, month or agenda view, and its event editor. */
export function CalendarRoomPage() {
  const params = useParams<{ id: string }>();
  const directory = useDirectory();
  const room = () => {
    const entry = directory.byId(params.id);
    return entry?.kind === 'calendar' ? entry : undefined;
  };
  return (
    <div class="page stack calendar-page">
      <Show
        when={room() ? params.id : null}
        keyed
        fallback={
          <EmptyState
            title="Calendar not available"
            action={
              <A class="button" href="/calendar">
                All calendars
              </A>
            }
          >
            It does not exist, or you do not have access to it.
          </EmptyState>
        }
      >
        {(id) => <CalendarView id={id} />}
      </Show>
    </div>
  );
}

function CalendarView(props: { id: string }) {
  const directory = useDirectory();
  const session = useSession();
  const handle = useRoom(props.id);
  usePublishInvites(props.id, handle);
  const zone = viewerZone();
  const today = todayIn(zone);
  const calendar = fromYjs(handle.doc, () => readCalendarDoc(handle.doc));
  const [editing, setEditing] = createSignal<EventDialogTarget | null>(null);
  const [moving, setMoving] = createSignal<{ occurrence: Occurrence; time: EventTime } | null>(
    null,
  );
  const [error, setError] = createSignal<string | null>(null);
  const invites = useCalendarInvites();
  const navigate = useNavigate();
  const personal = () => {
    const room = directory.byId(props.id);
    return room !== undefined && isPersonalCalendar(room, session.me()?.user.id ?? '');
  };
  /** Occurrences drawn from invitations (by object), to open them as invitations. */
  let invited = new Map<Occurrence, string>();
  /**
   * The calendar's own occurrences; on one's personal calendar also the events one is
   * invited to and did not decline [CAL49], in the invite colour, opened as invitations
   * and never dragged (they are the organiser's to move).
   */
  const occurrences = (from: string, days: number): Occurrence[] => {
    const own = occurrencesOn(calendar(), from, days, zone);
    invited = new Map();
    if (!personal()) return own;
    const window = {
      start: instantOf(`${from}T00:00`, zone),
      end: instantOf(`${addCalendarDays(from, days)}T00:00`, zone),
    };
    const open = invites
      .invitations()
      .filter((i) => i.invited && !i.removed && i.answer?.answer !== 'no');
    for (const { invitation, occurrence } of invitationOccurrences(open, window, zone))
      invited.set(
        occurrence,
        `/calendar/invitations/${encodeURIComponent(invitation.calendarId)}/${encodeURIComponent(invitation.eventId)}`,
      );
    return [...own, ...invited.keys()].sort((a, b) => a.start - b.start);
  };
  const ctx = () => ({
    by: session.me()?.user.id ?? 'unknown',
    now: Date.now(),
    origin: origins.edit,
  });

  /** Writes a move; a refused one is shown above the view and nothing is written [CAL4]. */
  const move = (occurrence: Occurrence, time: EventTime, scope: Scope) => {
    try {
      moveOccurrence(handle.doc, occurrence, time, scope, ctx(), newEventId);
      setError(null);
    } catch (failure) {
      if (!(failure instanceof CalendarError)) throw failure;
      setError(`Could not move “${occurrence.title}”: ${failure.message}`);
    }
  };

  return (
    <>
      <header class="page-header">
        <div>
          <p class="muted small">
            <A href="/calendar">All calendars</A>
          </p>
          <h1>{directory.byId(props.id)?.title}</h1>
          <Show when={handle.readOnly()}>
            <p class="muted small">You can read this calendar but not change it.</p>
          </Show>
        </div>
        <Show when={handle.loaded()}>
          <CalendarIcsActions
            calendarId={props.id}
            title={directory.byId(props.id)?.title ?? 'Calendar'}
            doc={handle.doc}
            readOnly={handle.readOnly()}
          />
        </Show>
      </header>
      <FormError message={error()} />
      <Show when={handle.loaded()} fallback={<Skeleton label="the calendar" lines={4} />}>
        <CalendarViews
          zone={zone}
          today={today}
          readOnly={handle.readOnly()}
          occurrences={occurrences}
          colourOf={(o) => (invited.has(o) ? 'var(--cal-invite, #8a63d2)' : undefined)}
          onOpen={(o) => {
            const invitation = invited.get(o);
            if (invitation) navigate(invitation);
            else setEditing({ kind: 'event', eventId: o.eventId, recurrenceId: o.recurrenceId });
          }}
          onCreate={(start, allDay) => setEditing({ kind: 'new', start, allDay })}
          onMove={(occurrence, time) => {
            if (invited.has(occurrence)) return;
            if (occurrence.recurrenceId === null) move(occurrence, time, 'all');
            else setMoving({ occurrence, time });
          }}
        />
      </Show>
      <Show when={editing()} keyed>
        {(target) => (
          <EventDialog
            doc={handle.doc}
            calendarId={props.id}
            readOnly={handle.readOnly()}
            target={target}
            onClose={() => setEditing(null)}
          />
        )}
      </Show>
      <Show when={moving()} keyed>
        {(pending) => (
          <ScopePrompt
            onChoose={(scope) => {
              setMoving(null);
              move(pending.occurrence, pending.time, scope);
            }}
            onClose={() => setMoving(null)}
          />
        )}
      </Show>
    </>
  );
}
