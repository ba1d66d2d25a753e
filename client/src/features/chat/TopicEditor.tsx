import { createSignal, Show } from 'solid-js';

/** The channel topic, editable in place by anyone who may write. */
export function TopicEditor(props: {
  topic: string;
  readOnly: boolean;
  onSave: (topic: string) => void;
}) {
  const [editing, setEditing] = createSignal(false);
  const [draft, setDraft] = createSignal('');
  return (
    <Show
      when={editing()}
      fallback={
        <div class="row chat-topic">
          <p class="muted" data-testid="channel-topic">
            {props.topic || 'No topic'}
          </p>
          <Show when={!props.readOnly}>
            <button
              type="button"
              class="button button-small"
              onClick={() => {
                setDraft(props.topic);
                setEditing(true);
              }}
            >
              Edit topic
            </button>
          </Show>
        </div>
      }
    >
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          props.onSave(draft());
          setEditing(false);
        }}
      >
        <label class="visually-hidden" for="topic-input">
          Topic
        </label>
        <input
          id="topic-input"
          class="input"
          maxLength={250}
          value={draft()}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit" class="button button-small">
          Save topic
        </button>
        <button type="button" class="button button-small" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </form>
    </Show>
  );
}
