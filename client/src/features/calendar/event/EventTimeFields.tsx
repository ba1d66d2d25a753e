import { createUniqueId, For, Show } from 'solid-js';
import type { SetStoreFunction } from 'solid-js/store';
import type { EventDraft } from './event-draft.js';

/** Every IANA zone this browser knows, for the zone picker's suggestions. */
function zones(current: string): readonly string[] {
  const known =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(current) ? known : [current, ...known];
}

/** All day, start and end, and the zone the times are meant in. */
export function EventTimeFields(props: {
  draft: EventDraft;
  set: SetStoreFunction<EventDraft>;
  disabled: boolean;
}) {
  const id = createUniqueId();
  const setStartDate = (value: string) => {
    // Moving the start date moves the end with it, as calendar apps do.
    if (props.draft.endDate === props.draft.startDate) props.set('endDate', value);
    else if (props.draft.endDate < value) props.set('endDate', value);
    props.set('startDate', value);
  };
  return (
    <fieldset class="fieldset" disabled={props.disabled}>
      <legend>When</legend>
      <label class="check">
        <input
          type="checkbox"
          checked={props.draft.allDay}
          onChange={(e) => props.set('allDay', e.currentTarget.checked)}
        />
        All day
      </label>
      <div class="event-time-row">
        <div class="field">
          <label for={`${id}-sd`}>Starts</label>
          <input
            id={`${id}-sd`}
            class="input"
            type="date"
            required
            value={props.draft.startDate}
            onInput={(e) => setStartDate(e.currentTarget.value)}
          />
        </div>
        <Show when={!props.draft.allDay}>
          <div class="field">
            <label for={`${id}-st`}>Start time</label>
            <input
              id={`${id}-st`}
              class="input"
              type="time"
              required
              value={props.draft.startTime}
              onInput={(e) => props.set('startTime', e.currentTarget.value)}
            />
          </div>
        </Show>
      </div>
      <div class="event-time-row">
        <div class="field">
          <label for={`${id}-ed`}>Ends</label>
          <input
            id={`${id}-ed`}
            class="input"
            type="date"
            required
            value={props.draft.endDate}
            onInput={(e) => props.set('endDate', e.currentTarget.value)}
          />
        </div>
        <Show when={!props.draft.allDay}>
          <div class="field">
            <label for={`${id}-et`}>End time</label>
            <input
              id={`${id}-et`}
              class="input"
              type="time"
              required
              value={props.draft.endTime}
              onInput={(e) => props.set('endTime', e.currentTarget.value)}
            />
          </div>
        </Show>
      </div>
      <Show when={!props.draft.allDay}>
        <div class="field">
          <label for={`${id}-tz`}>Time zone</label>
          {/* A native datalist: searchable by typing, ~400 zones without a custom listbox. */}
          <input
            id={`${id}-tz`}
            class="input"
            list={`${id}-zones`}
            required
            autocomplete="off"
            value={props.draft.timeZone}
            onChange={(e) => props.set('timeZone', e.currentTarget.value.trim())}
          />
          <datalist id={`${id}-zones`}>
            <For each={zones(props.draft.timeZone)}>{(zone) => <option value={zone} />}</For>
          </datalist>
        </div>
      </Show>
    </fieldset>
  );
}
