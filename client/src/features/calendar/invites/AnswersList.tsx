import { createResource, For, Show } from 'solid-js';
import type { AnswerList } from '../../../../../shared/api/calendar-invites.js';
import { ApiFailure } from '../../../auth/api-failure.js';
import { useApi } from '../../../auth/session-context.js';
import { FormError } from '../../../ui/FormError.js';
import { useAction } from '../../../ui/use-action.js';
import { useCalendarInvites } from '../../../workspace/calendar/invites-context.js';
import { ANSWER_LABEL } from './answer-label.js';
import './invites.css';

type Loaded = { kind: 'answers'; list: AnswerList } | { kind: 'unpublished' };

/**
 * Who answered what (counts, names, notes) and who has not [CAL44]; writers of the
 * calendar may DING those who have not answered [CAL45].
 */
export function AnswersList(props: { calendarId: string; eventId: string; canDing: boolean }) {
  const api = useApi();
  const invites = useCalendarInvites();
  const [answers, { refetch }] = createResource(
    () => [props.calendarId, props.eventId, invites.changes()] as const,
    async ([calendarId, eventId]): Promise<Loaded> => {
      try {
        return { kind: 'answers', list: await api.calendarInvites.answers(calendarId, eventId) };
      } catch (error) {
        if (error instanceof ApiFailure && error.status === 404) return { kind: 'unpublished' };
        throw error;
      }
    },
  );
  const list = () => {
    const loaded = answers.latest;
    return loaded?.kind === 'answers' ? loaded.list : null;
  };
  const waiting = () => list()?.counts.none ?? 0;
  const ding = useAction(async () => {
    const { dinged } = await api.calendarInvites.ding(props.calendarId, props.eventId);
    dingDone(dinged);
    void refetch();
  });
  let status!: HTMLParagraphElement;
  const dingDone = (n: number) => {
    status.textContent = n === 1 ? 'DING sent to 1 person.' : `DING sent to ${n} people.`;
  };

  return (
    <section class="invite-answers stack" aria-label="Answers">
      <h3 class="invite-answers-title">Answers</h3>
      <Show when={answers.state === 'errored'}>
        <p class="muted small">Answers cannot be checked while the relay is out of reach.</p>
      </Show>
      <Show when={answers.latest?.kind === 'unpublished'}>
        <p class="muted small">Invitations go out when the event is saved.</p>
      </Show>
      <Show when={list()}>
        {(shown) => (
          <>
            <p class="invite-counts" data-testid="answer-counts">
              {shown().counts.yes} yes · {shown().counts.maybe} maybe · {shown().counts.no} no ·{' '}
              {shown().counts.none} not answered
            </p>
            <ul class="invite-people">
              <For each={shown().attendees}>
                {(person) => (
                  <li class="invite-person">
                    <span class="invite-person-name">{person.name}</span>
                    <span
                      class="invite-badge"
                      classList={{ [`invite-badge-${person.answer?.answer ?? 'none'}`]: true }}
                    >
                      {person.answer ? ANSWER_LABEL[person.answer.answer] : 'Not answered'}
                    </span>
                    <Show when={person.answer?.note}>
                      <span class="invite-note small">“{person.answer?.note}”</span>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Show>
      <Show when={props.canDing && waiting() > 0}>
        <div>
          <button
            type="button"
            class="button button-small"
            disabled={ding.busy()}
            onClick={() => ding.run()}
          >
            DING {waiting()} who {waiting() === 1 ? 'has' : 'have'} not answered
          </button>
        </div>
      </Show>
      <p class="muted small" role="status" ref={status} />
      <FormError message={ding.error()} />
    </section>
  );
}
