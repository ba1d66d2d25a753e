import { createSignal, For, Show } from 'solid-js';
import type * as Y from 'yjs';
import { readDocJson } from '../../../../../shared/model/docs/doc-json.js';
import { jsonText } from '../../../../../shared/model/docs/doc-json.js';
import {
  matchPerson,
  outlineNotes,
  type ActionItem,
  type NotesOutline,
} from '../../../../../shared/calendar/action-items.js';
import { notesLines } from '../../../../../shared/calendar/notes-lines.js';
import { useAction } from '../../../ui/use-action.js';
import { FormError } from '../../../ui/FormError.js';
import { useSlots } from '../../../workspace/slots.js';
import { usePeople } from '../../../workspace/workspace-context.js';

interface Summary extends NotesOutline {
  /** The on-device model's text; null without a summarizer. */
  prose: string | null;
}

/**
 * "Summarise" [CAL75]: the notes become a summary on this device. The model writes the
 * prose; the action items and decisions come from the notes' own lines (action-items.ts),
 * each with "Make task" prefilled from its @name and due day.
 */
export function NotesSummary(props: {
  notesId: string;
  notes: Y.Doc;
  loaded: boolean;
  meetingDate: string;
  attendeeIds: readonly string[];
}) {
  const slots = useSlots();
  const people = usePeople();
  const [summary, setSummary] = createSignal<Summary | null>(null);
  const [making, setMaking] = createSignal<ActionItem | null>(null);
  const summarise = useAction(async () => {
    const json = readDocJson(props.notes);
    const outline = outlineNotes(notesLines(json), props.meetingDate);
    const text = jsonText(json).trim();
    const prose = text === '' ? null : await slots.deviceAi.summarize(text);
    setSummary({ ...outline, prose });
  });
  const assigneeOf = (item: ActionItem): string | undefined => {
    if (!item.mention) return undefined;
    const everyone = people.active().map((p) => ({ id: p.id, name: p.name }));
    const attendees = everyone.filter((p) => props.attendeeIds.includes(p.id));
    return matchPerson(item.mention, attendees, everyone) ?? undefined;
  };
  return (
    <div class="stack meeting-summary">
      <div class="row">
        <button
          type="button"
          class="button"
          disabled={!props.loaded || summarise.busy()}
          onClick={() => summarise.run()}
        >
          {summarise.busy() ? 'Summarising on this device…' : 'Summarise'}
        </button>
      </div>
      <FormError message={summarise.error()} />
      <Show when={summary()}>
        {(result) => (
          <section class="stack" aria-label="Meeting summary">
            <Show
              when={result().prose}
              fallback={
                <p class="muted small">
                  No summarization model on this device: action items and decisions come from the
                  notes.
                </p>
              }
            >
              {(prose) => <p data-testid="meeting-summary-text">{prose()}</p>}
            </Show>
            <Show when={result().decisions.length > 0}>
              <h4>Decisions</h4>
              <ul class="meeting-list">
                <For each={result().decisions}>{(decision) => <li>{decision}</li>}</For>
              </ul>
            </Show>
            <h4>Action items</h4>
            <Show
              when={result().actions.length > 0}
              fallback={
                <p class="muted small">
                  None found. Write lines like “TODO …”, “Action: …” or “@name will … by Friday”.
                </p>
              }
            >
              <ul class="meeting-list" aria-label="Action items">
                <For each={result().actions}>
                  {(item) => (
                    <li class="meeting-action">
                      <span>
                        {item.title}
                        <Show when={item.mention}>
                          {(name) => <span class="muted small"> · @{name()}</span>}
                        </Show>
                        <Show when={item.due}>
                          {(due) => <span class="muted small"> · due {due()}</span>}
                        </Show>
                      </span>
                      <button
                        type="button"
                        class="button button-small"
                        aria-label={`Make task: ${item.title}`}
                        onClick={() => setMaking(item)}
                      >
                        Make task
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>
        )}
      </Show>
      <Show when={making()} keyed>
        {(item) => (
          <slots.CreateTaskDialog
            source={{ kind: 'doc', room: props.notesId }}
            text={item.title}
            {...(assigneeOf(item) ? { assignee: assigneeOf(item)! } : {})}
            {...(item.due ? { due: item.due } : {})}
            onClose={() => setMaking(null)}
          />
        )}
      </Show>
    </div>
  );
}
