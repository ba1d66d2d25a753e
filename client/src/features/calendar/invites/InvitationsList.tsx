import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { viewerZone } from '../../../workspace/calendar/index.js';
import { useCalendarInvites } from '../../../workspace/calendar/invites-context.js';
import { ANSWER_LABEL } from './answer-label.js';
import { whenText } from './when-text.js';
import './invites.css';

/** My invitations to events in calendars of others, with my answer [CAL48]. */
export function InvitationsList() {
  const invites = useCalendarInvites();
  const shown = () => invites.invitations().filter((i) => !i.removed);
  return (
    <Show when={shown().length > 0}>
      <section class="stack" aria-label="Invitations">
        <h2>Invitations</h2>
        <ul class="item-list">
          <For each={shown()}>
            {(i) => (
              <li class="item">
                <A
                  class="item-title"
                  href={`/calendar/invitations/${encodeURIComponent(i.calendarId)}/${encodeURIComponent(i.eventId)}`}
                >
                  {i.event.title}
                </A>
                <span class="muted small">
                  {whenText(i.event, viewerZone())} · {i.organizerName}
                </span>
                <span class="small">
                  {i.event.cancelled
                    ? 'Cancelled'
                    : i.answer
                      ? `Your answer: ${ANSWER_LABEL[i.answer.answer]}`
                      : 'Not answered yet'}
                </span>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
