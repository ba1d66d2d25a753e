import { onCleanup } from 'solid-js';

const SHOWN_MS = 10_000;

/**
 * "Deleted “X”. Undo": shown after a deletion instead of asking first. It goes
 * away by itself after a while, and `onExpire` then makes the deletion final.
 */
export function UndoToast(props: { message: string; onUndo: () => void; onExpire: () => void }) {
  const timer = setTimeout(() => props.onExpire(), SHOWN_MS);
  onCleanup(() => clearTimeout(timer));
  return (
    <div class="undo-toast" role="status">
      <span>{props.message}</span>
      <button type="button" class="button button-small" onClick={() => props.onUndo()}>
        Undo
      </button>
      <button
        type="button"
        class="button button-small undo-toast-dismiss"
        aria-label="Dismiss"
        onClick={() => props.onExpire()}
      >
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}
