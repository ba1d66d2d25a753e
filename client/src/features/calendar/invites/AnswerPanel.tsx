import { createSignal, createUniqueId, Show } from 'solid-js';
import type { GivenAnswer } from '../../../../../shared/api/calendar-invites.js';
import { FormError } from '../../../ui/FormError.js';
import { SegmentedControl } from '../../../ui/SegmentedControl.js';
import { useAction } from '../../../ui/use-action.js';
import type { AnswerValue } from '../../../workspace/calendar/index.js';
import { eventKey } from '../../../workspace/calendar/invitations.js';
import { useCalendarInvites } from '../../../workspace/calendar/invites-context.js';
import { ANSWER_LABEL } from './answer-label.js';
import './invites.css';

const OPTIONS = (['yes', 'maybe', 'no'] as const).map((value) => ({
  value,
  label: ANSWER_LABEL[value],
}));

/**
 * An attendee's answer: Yes / Maybe / No with a note [CAL43]. Sent to the relay, or
 * kept on the device while it cannot be reached and sent on reconnect [CAL47].
 */
export function AnswerPanel(props: {
  calendarId: string;
  eventId: string;
  given: GivenAnswer | null;
  disabled?: boolean;
  onAnswered?: () => void;
}) {
  const invites = useCalendarInvites();
  const id = createUniqueId();
  const waiting = () => invites.queued().get(eventKey(props.calendarId, props.eventId));
  const [answer, setAnswer] = createSignal<AnswerValue | ''>(
    waiting()?.answer ?? props.given?.answer ?? '',
  );
  const [note, setNote] = createSignal(waiting()?.note ?? props.given?.note ?? '');
  const [saved, setSaved] = createSignal<string | null>(null);
  const send = useAction(async () => {
    const value = answer();
    if (!value) throw new Error('Choose Yes, Maybe or No.');
    setSaved(null);
    const outcome = await invites.answer(props.calendarId, props.eventId, value, note());
    if (outcome.kind === 'refused') throw new Error(outcome.message);
    setSaved(outcome.kind === 'queued' ? null : `Answered ${ANSWER_LABEL[value]}.`);
    props.onAnswered?.();
  });

  return (
    <form
      class="invite-answer stack"
      aria-label="Your answer"
      onSubmit={(e) => {
        e.preventDefault();
        send.run();
      }}
    >
      <SegmentedControl
        legend="Going?"
        name={`${id}-answer`}
        options={OPTIONS}
        value={answer() as AnswerValue}
        onChange={setAnswer}
      />
      <div class="field">
        <label for={`${id}-note`}>Note for the organiser (optional)</label>
        <input
          id={`${id}-note`}
          class="input"
          maxLength={1000}
          value={note()}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </div>
      <div class="invite-answer-actions">
        <button
          type="submit"
          class="button button-primary"
          disabled={props.disabled || send.busy() || !answer()}
        >
          Send answer
        </button>
        <Show when={saved()}>
          <span class="muted small" role="status">
            {saved()}
          </span>
        </Show>
      </div>
      <Show when={waiting()}>
        {(item) => (
          <Show
            when={item().refusal}
            fallback={
              <p class="muted small" role="status">
                Offline: your answer ({ANSWER_LABEL[item().answer]}) is kept on this device and sent
                when the relay can be reached.
              </p>
            }
          >
            <p class="small invite-refused" role="alert">
              The relay refused your answer: {item().refusal}{' '}
              <button
                type="button"
                class="button button-small"
                onClick={() => invites.dismiss(props.calendarId, props.eventId)}
              >
                Dismiss
              </button>
            </p>
          </Show>
        )}
      </Show>
      <FormError message={send.error()} />
    </form>
  );
}
