import { createEffect, createUniqueId, onCleanup, Show, type JSX } from 'solid-js';

/**
 * A modal native <dialog>: the browser traps focus, Escape closes it, and focus returns
 * to where it was. Rendered only while open; `onClose` runs however the person closed
 * it, and not when its owner removes it.
 *
 * Its header (the title, and with `closeButton` a ✕) and its `footer` stay in view
 * while the body between them scrolls, so a long form never hides Close or its actions.
 * `sheet` makes it wider and, on phones, fill the screen (the task details).
 */
export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: JSX.Element;
  footer?: JSX.Element;
  closeButton?: boolean;
  sheet?: boolean;
}) {
  const titleId = createUniqueId();
  let dialog!: HTMLDialogElement;
  let removed = false;
  createEffect(() => {
    if (!dialog.open) dialog.showModal();
  });
  onCleanup(() => {
    // Taken away by its owner (say, "Task not found" replaced by the task once the
    // project loads): the close event that follows is not the person closing it.
    removed = true;
    if (dialog.open) dialog.close();
  });
  return (
    <dialog
      ref={dialog}
      class="dialog"
      classList={{ 'dialog-sheet': props.sheet === true }}
      aria-labelledby={titleId}
      onClose={() => {
        if (!removed) props.onClose();
      }}
    >
      <header class="dialog-header">
        <h2 id={titleId}>{props.title}</h2>
        <Show when={props.closeButton}>
          <button
            type="button"
            class="button button-small dialog-close"
            aria-label="Close"
            title="Close (Esc)"
            onClick={() => dialog.close()}
          >
            <span aria-hidden="true">✕</span>
          </button>
        </Show>
      </header>
      <div class="dialog-body stack">{props.children}</div>
      <Show when={props.footer}>
        <footer class="dialog-footer">{props.footer}</footer>
      </Show>
    </dialog>
  );
}
