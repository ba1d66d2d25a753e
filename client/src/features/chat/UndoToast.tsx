/** "Message deleted · Undo" while the delete waits (use-deferred-delete.ts) [CHAT10]. */
export function UndoToast(props: { onUndo: () => void; onDismiss: () => void }) {
  return (
    <div class="chat-toast" role="status">
      <span>Message deleted</span>
      <button type="button" class="chat-toast-undo" onClick={() => props.onUndo()}>
        Undo
      </button>
      <button
        type="button"
        class="chat-toast-close"
        aria-label="Dismiss"
        onClick={() => props.onDismiss()}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
