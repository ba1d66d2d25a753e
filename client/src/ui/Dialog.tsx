import { createEffect, createUniqueId, onCleanup, type JSX } from 'solid-js';

/**
 * A modal native <dialog>: the browser traps focus, Escape closes it, and focus returns
 * to where it was. Rendered only while open; `onClose` runs however the person closed
 * it, and not when its owner removes it.
 */
export function Dialog(props: { title: string; onClose: () => void; children: JSX.Element }) {
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
      class="dialog card stack"
      aria-labelledby={titleId}
      onClose={() => {
        if (!removed) props.onClose();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
    </dialog>
  );
}
