import { createEffect, createUniqueId, onCleanup, Show, type JSX } from 'solid-js';

/**
 * The task dialog's frame: a modal native <dialog> (the browser traps focus, Escape
 * closes it) whose header, with the close button, and footer stay in view while the
 * body scrolls; full screen on phones. Like ui/Dialog, `onClose` runs however the
 * person closed it, and not when its owner removes it.
 */
export function TaskSheet(props: {
  title: string;
  onClose: () => void;
  children: JSX.Element;
  footer?: JSX.Element;
}) {
  const titleId = createUniqueId();
  let dialog!: HTMLDialogElement;
  let removed = false;
  createEffect(() => {
    if (!dialog.open) dialog.showModal();
  });
  onCleanup(() => {
    removed = true;
    if (dialog.open) dialog.close();
  });
  return (
    <dialog
      ref={dialog}
      class="task-sheet"
      aria-labelledby={titleId}
      onClose={() => {
        if (!removed) props.onClose();
      }}
    >
      <header class="task-sheet-header">
        <h2 id={titleId}>{props.title}</h2>
        <button
          type="button"
          class="button button-small task-sheet-close"
          aria-label="Close"
          title="Close (Esc)"
          onClick={() => dialog.close()}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </header>
      <div class="task-sheet-body stack">{props.children}</div>
      <Show when={props.footer}>
        <footer class="task-sheet-footer">{props.footer}</footer>
      </Show>
    </dialog>
  );
}
