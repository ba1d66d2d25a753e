import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import { departmentTree } from '../../../workspace/org/org-tree.js';
import { useOrgChart } from '../../../workspace/org/use-org-chart.js';
import { usePeople } from '../../../workspace/workspace-context.js';
import type { Attendee } from '../../../workspace/calendar/index.js';

const MAX_MATCHES = 8;
const keyOf = (a: Attendee) => `${a.kind}:${a.id}`;

/** Who is invited: people and whole departments, found by typing part of a name. */
export function AttendeesField(props: {
  attendees: readonly Attendee[];
  onChange: (attendees: Attendee[]) => void;
  disabled: boolean;
}) {
  const id = createUniqueId();
  const people = usePeople();
  const org = useOrgChart();
  const [query, setQuery] = createSignal('');
  const departments = () => {
    const chart = org.chart();
    return chart ? departmentTree(chart) : [];
  };
  const nameOf = (a: Attendee) =>
    a.kind === 'person'
      ? people.nameOf(a.id)
      : `${departments().find((row) => row.department.id === a.id)?.path ?? 'A department'} (department)`;
  const chosen = () => new Set(props.attendees.map(keyOf));
  const matches = createMemo(() => {
    const text = query().trim().toLowerCase();
    if (!text) return [];
    const options: { attendee: Attendee; label: string }[] = [
      ...people.active().map((p) => ({
        attendee: { kind: 'person', id: p.id } as const,
        label: p.name,
      })),
      ...departments().map((row) => ({
        attendee: { kind: 'department', id: row.department.id } as const,
        label: `${row.path} (department)`,
      })),
    ];
    return options
      .filter((o) => o.label.toLowerCase().includes(text) && !chosen().has(keyOf(o.attendee)))
      .slice(0, MAX_MATCHES);
  });
  const add = (attendee: Attendee) => {
    props.onChange([...props.attendees, attendee]);
    setQuery('');
  };
  const remove = (attendee: Attendee) =>
    props.onChange(props.attendees.filter((a) => keyOf(a) !== keyOf(attendee)));

  return (
    <fieldset class="fieldset" disabled={props.disabled}>
      <legend>Guests</legend>
      <Show when={props.attendees.length > 0}>
        <ul class="event-chips" aria-label="Invited">
          <For each={props.attendees}>
            {(attendee) => (
              <li class="event-chip">
                <span>{nameOf(attendee)}</span>
                <button
                  type="button"
                  class="button button-small"
                  aria-label={`Remove ${nameOf(attendee)}`}
                  onClick={() => remove(attendee)}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="field">
        <label for={`${id}-q`}>Add people or departments</label>
        <input
          id={`${id}-q`}
          class="input"
          type="search"
          autocomplete="off"
          placeholder="Type a name"
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            const first = matches()[0];
            if (e.key === 'Enter' && first) {
              e.preventDefault();
              add(first.attendee);
            }
          }}
        />
      </div>
      <Show when={query().trim()}>
        <ul class="plain-list event-matches" aria-label="Matches">
          <For each={matches()} fallback={<li class="muted small">Nobody matches.</li>}>
            {(match) => (
              <li>
                <button
                  type="button"
                  class="button button-small"
                  onClick={() => add(match.attendee)}
                >
                  Add {match.label}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </fieldset>
  );
}
