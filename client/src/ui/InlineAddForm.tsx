import { createSignal, createUniqueId } from 'solid-js';

/** A one-line "add something" form: a labelled input and an Add button; clears on add. */
export function InlineAddForm(props: {
  /** Accessible name of the input, e.g. "Add a task to To do". */
  label: string;
  placeholder: string;
  maxLength?: number;
  onAdd: (text: string) => void;
}) {
  const id = createUniqueId();
  const [draft, setDraft] = createSignal('');
  return (
    <form
      class="row"
      onSubmit={(event) => {
        event.preventDefault();
        const text = draft().trim();
        if (!text) return;
        props.onAdd(text);
        setDraft('');
      }}
    >
      <label class="visually-hidden" for={id}>
        {props.label}
      </label>
      <input
        id={id}
        class="input"
        placeholder={props.placeholder}
        maxLength={props.maxLength ?? 500}
        value={draft()}
        onInput={(event) => setDraft(event.currentTarget.value)}
      />
      <button type="submit" class="button button-small">
        Add
      </button>
    </form>
  );
}
