import { A, useNavigate } from '@solidjs/router';
import { createMemo, For, Show, type Accessor } from 'solid-js';
import { useOpenNotes } from '../features/calendar/notes/use-open-notes.js';
import { HomeCard } from '../features/home/HomeCard.js';
import { FormError } from '../ui/FormError.js';
import { showOccurrence, todayIn, viewerZone } from '../workspace/calendar/index.js';
import { todaysMeetings, type DayMeeting } from '../workspace/calendar-summary.js';
import { useWorkspaceSync } from '../workspace/workspace-sync-context.js';
import { useDirectory } from '../workspace/workspace-context.js';

/**
 * Today's meetings on Home [CAL77], composed here because Home and Calendar are
 * separate features. Read from the calendars' summaries on the device (no calendar is
 * opened, [HOME5]); shown only on days with meetings.
 */
export function MeetingsCard(props: { now: Accessor<number> }) {
  const workspace = useWorkspaceSync();
  const directory = useDirectory();
  const zone = viewerZone();
  const meetings = createMemo(() =>
    todaysMeetings(
      workspace.summaries,
      directory.ofKind('calendar'),
      todayIn(zone, props.now()),
      zone,
    ),
  );
  return (
    <Show when={meetings().length > 0}>
      <HomeCard
        id="home-meetings"
        title="Today's meetings"
        more={{ href: '/calendar', label: 'Calendar' }}
      >
        <ul class="item-list home-list" aria-label="Today's meetings">
          <For each={meetings()}>{(meeting) => <MeetingRow meeting={meeting} zone={zone} />}</For>
        </ul>
      </HomeCard>
    </Show>
  );
}

function MeetingRow(props: { meeting: DayMeeting; zone: string }) {
  const navigate = useNavigate();
  const occurrence = () => props.meeting.occurrence;
  const notes = useOpenNotes({ calendarId: props.meeting.calendarId, calendarDoc: () => null });
  const when = () => {
    const shown = showOccurrence(occurrence(), props.zone);
    return shown.kind === 'allDay' ? 'All day' : `${shown.startTime}–${shown.endTime}`;
  };
  const openNotes = () => {
    const o = occurrence();
    if (o.notesDoc) navigate(`/docs/${o.notesDoc}`);
    else
      notes.open.run(
        { ...o, attendees: o.event.attendees, organizer: o.event.organizer },
        o.time.start.slice(0, 10),
      );
  };
  return (
    <li class="home-row">
      <A class="home-row-title" href={`/calendar/${props.meeting.calendarId}`}>
        {occurrence().title}
      </A>
      <span class="home-row-meta small">
        {when()}
        <Show when={occurrence().meetingUrl}>
          {(url) => (
            <>
              {' · '}
              <a class="button button-small" href={url()} target="_blank" rel="noopener noreferrer">
                Join
              </a>
            </>
          )}
        </Show>
        {' · '}
        <button
          type="button"
          class="button button-small"
          disabled={notes.open.busy()}
          aria-label={`Notes of ${occurrence().title}`}
          onClick={openNotes}
        >
          Notes
        </button>
      </span>
      <FormError message={notes.open.error()} />
    </li>
  );
}
