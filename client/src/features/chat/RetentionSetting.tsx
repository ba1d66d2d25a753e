import { createSignal, Show } from 'solid-js';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../../../shared/retention/retention.js';

/**
 * The channel's retention setting for who manages the channel [RETAIN2]: whole days,
 * or empty to keep messages forever. Everyone sees the notice (RetentionNotice).
 */
export function RetentionNotice(props: { days: number | null }) {
  return (
    <Show when={props.days !== null}>
      <p class="muted small" data-testid="retention-notice">
        Messages older than {props.days} {props.days === 1 ? 'day' : 'days'} are deleted.
      </p>
    </Show>
  );
}

export function RetentionSetting(props: {
  days: number | null;
  canManage: boolean;
  onSave: (days: number | null) => void;
}) {
  const [editing, setEditing] = createSignal(false);
  const [draft, setDraft] = createSignal('');
  return (
    <Show
      when={editing()}
      fallback={
        <div class="row">
          <Show when={props.canManage}>
            <button
              type="button"
              class="button button-small"
              onClick={() => {
                setDraft(props.days === null ? '' : String(props.days));
                setEditing(true);
              }}
            >
              Message retention
            </button>
          </Show>
        </div>
      }
    >
      <form
        class="row"
        onSubmit={(event) => {
          event.preventDefault();
          const text = draft().trim();
          props.onSave(text === '' ? null : Number(text));
          setEditing(false);
        }}
      >
        <label for="retention-input">Delete messages older than (days; empty keeps them)</label>
        <input
          id="retention-input"
          class="input"
          type="number"
          min={MIN_RETENTION_DAYS}
          max={MAX_RETENTION_DAYS}
          step={1}
          value={draft()}
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <button type="submit" class="button button-small">
          Save
        </button>
        <button type="button" class="button button-small" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </form>
    </Show>
  );
}
