import { For, Show } from 'solid-js';

/** A fieldset of checkboxes, for choosing groups or group members. */
export function Checklist(props: {
  legend: string;
  items: readonly { id: string; label: string }[];
  chosen: ReadonlySet<string>;
  onChange: (chosen: Set<string>) => void;
  empty: string;
}) {
  const toggle = (id: string, on: boolean) => {
    const next = new Set(props.chosen);
    if (on) next.add(id);
    else next.delete(id);
    props.onChange(next);
  };
  return (
    <fieldset class="fieldset">
      <legend>{props.legend}</legend>
      <Show when={props.items.length > 0} fallback={<p class="muted small">{props.empty}</p>}>
        <For each={props.items}>
          {(item) => (
            <label class="check">
              <input
                type="checkbox"
                checked={props.chosen.has(item.id)}
                onChange={(event) => toggle(item.id, event.currentTarget.checked)}
              />
              {item.label}
            </label>
          )}
        </For>
      </Show>
    </fieldset>
  );
}
