import { Show } from 'solid-js';
import { useApi, useSession } from '../../../auth/session-context.js';
import { FormError } from '../../../ui/FormError.js';
import { useAction } from '../../../ui/use-action.js';
import { setTrashed, trashed } from './trashed-doc.js';

/** "Moved to trash" with Undo, shown until dismissed or undone [DOC12]. */
export function TrashedNotice() {
  const api = useApi();
  const session = useSession();
  const undo = useAction(async (id: string) => {
    session.addRoom(await api.updateRoom(id, { trashed: false }));
    setTrashed(null);
  });
  return (
    <Show when={trashed()}>
      {(doc) => (
        <div class="toast" role="status">
          <span>“{doc().title}” moved to trash.</span>
          <button
            type="button"
            class="button button-small"
            disabled={undo.busy()}
            onClick={() => undo.run(doc().id)}
          >
            Undo
          </button>
          <button
            type="button"
            class="button button-small button-ghost"
            aria-label="Dismiss"
            onClick={() => setTrashed(null)}
          >
            ✕
          </button>
          <FormError message={undo.error()} />
        </div>
      )}
    </Show>
  );
}
