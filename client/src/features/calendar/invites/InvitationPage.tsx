import { A, useParams } from '@solidjs/router';
import { createResource, Show } from 'solid-js';
import type { Invitation } from '../../../../../shared/api/calendar-invites.js';
import { ApiFailure } from '../../../auth/api-failure.js';
import { useApi } from '../../../auth/session-context.js';
import { EmptyState, ErrorState, Skeleton } from '../../../ui/States.js';
import { viewerZone } from '../../../workspace/calendar/index.js';
import { useCalendarInvites } from '../../../workspace/calendar/invites-context.js';
import { AnswerPanel } from './AnswerPanel.js';
import { AnswersList } from './AnswersList.js';
import { whenText } from './when-text.js';
import './invites.css';

/**
 * /calendar/invitations/:calendarId/:eventId — an invited event as its attendee sees
 * it (they may not read the calendar): what, when, where, my answer, and the answers.
 * Notifications link here.
 */
export function InvitationPage() {
  const params = useParams<{ calendarId: string; eventId: string }>();
  const api = useApi();
  const invites = useCalendarInvites();
  const [invitation, { refetch }] = createResource(
    () => [params.calendarId, params.eventId] as const,
    async ([calendarId, eventId]): Promise<Invitation | null> => {
      try {
        return await api.calendarInvites.get(calendarId, eventId);
      } catch (error) {
        if (error instanceof ApiFailure && error.status === 404) return null;
        // Offline: the list of my invitations from the last check, if it has this one.
        const known = invites
          .invitations()
          .find((i) => i.calendarId === calendarId && i.eventId === eventId);
        if (known) return known;
        throw error;
      }
    },
  );
  return (
    <div class="page page-readable stack">
      <p class="muted small">
        <A href="/calendar">Calendar</A>
      </p>
      <Show when={invitation.state === 'errored'}>
        <ErrorState
          title="The invitation could not be loaded"
          action={
            <button type="button" class="button button-small" onClick={() => void refetch()}>
              Try again
            </button>
          }
        >
          The relay could not be reached. Try again once you are online.
        </ErrorState>
      </Show>
      <Show
        when={invitation.state !== 'pending' || invitation.latest !== undefined}
        fallback={<Skeleton label="the invitation" lines={4} />}
      >
        <Show
          when={invitation.latest}
          fallback={
            <Show when={invitation.latest === null}>
              <EmptyState title="Invitation not available">
                It does not exist, or you are not invited to it.
              </EmptyState>
            </Show>
          }
        >
          {(shown) => <InvitationView invitation={shown()} onAnswered={() => void refetch()} />}
        </Show>
      </Show>
    </div>
  );
}

function InvitationView(props: { invitation: Invitation; onAnswered: () => void }) {
  const event = () => props.invitation.event;
  const cancelled = () => event().cancelled || props.invitation.removed;
  return (
    <>
      <header class="page-header">
        <h1>{event().title}</h1>
        <Show when={cancelled()}>
          <p class="invite-cancelled" role="status">
            {props.invitation.removed ? 'You were removed from this event.' : 'Cancelled'}
          </p>
        </Show>
      </header>
      <dl class="invite-facts">
        <dt>When</dt>
        <dd>{whenText(event(), viewerZone())}</dd>
        <dt>Organiser</dt>
        <dd>{props.invitation.organizerName}</dd>
        <Show when={event().location}>
          <dt>Where</dt>
          <dd>{event().location}</dd>
        </Show>
        <Show when={event().meetingUrl}>
          {(url) => (
            <>
              <dt>Link</dt>
              <dd>
                <a href={url()} target="_blank" rel="noopener noreferrer">
                  {url()}
                </a>
              </dd>
            </>
          )}
        </Show>
        <Show when={event().description}>
          <dt>About</dt>
          <dd class="invite-description">{event().description}</dd>
        </Show>
      </dl>
      <Show when={props.invitation.invited && !cancelled()}>
        <AnswerPanel
          calendarId={props.invitation.calendarId}
          eventId={props.invitation.eventId}
          given={props.invitation.answer}
          onAnswered={props.onAnswered}
        />
      </Show>
      <Show when={!props.invitation.removed}>
        <AnswersList
          calendarId={props.invitation.calendarId}
          eventId={props.invitation.eventId}
          canDing={false}
        />
      </Show>
    </>
  );
}
