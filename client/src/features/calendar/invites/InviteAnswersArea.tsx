import { Show } from 'solid-js';
import { useSession } from '../../../auth/session-context.js';
import { useCalendarInvites } from '../../../workspace/calendar/invites-context.js';
import type { EventAreaProps } from '../event/event-areas.js';
import { AnswerPanel } from './AnswerPanel.js';
import { AnswersList } from './AnswersList.js';

/**
 * The event editor's invite area: the answers (and a DING) for a saved event with
 * attendees, and my own answer when I am one of them.
 */
export function InviteAnswersArea(props: EventAreaProps) {
  const session = useSession();
  const invites = useCalendarInvites();
  const me = () => session.me()?.user.id ?? '';
  const saved = () => {
    const event = props.event;
    return event && event.attendees.length > 0 ? event : undefined;
  };
  const mine = () =>
    invites
      .invitations()
      .find((i) => i.calendarId === props.calendarId && i.eventId === props.event?.id);
  return (
    <Show when={saved()}>
      {(event) => (
        <div class="invite-area stack">
          <Show when={mine()?.invited}>
            <AnswerPanel
              calendarId={props.calendarId}
              eventId={event().id}
              given={mine()?.answer ?? null}
            />
          </Show>
          <AnswersList
            calendarId={props.calendarId}
            eventId={event().id}
            canDing={!props.readOnly && event().organizer === me()}
          />
        </div>
      )}
    </Show>
  );
}
