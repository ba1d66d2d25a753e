import { createEffect, createUniqueId, onCleanup, type JSX } from 'solid-js';

/**
 * A modal native <dialog>: the browser traps focus, Escape closes it, and focus returns
 * to where it was. Rendered only while open; `onClose` runs however it was closed.
 */
export function Dialog(props: { title: string; onClose: () => void; children: JSX.Element }) {
  const titleId = createUniqueId();
  let dialog!: HTMLDialogElement;
  createEffect(() => {
    if (!dialog.open) dialog.showModal();
  });
  onCleanup(() => {
    if (dialog.open) dialog.close();
  });
  return (
    <dialog
      ref={dialog}
      class="dialog card stack"
      aria-labelledby={titleId}
      onClose={() => props.onClose()}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
    </dialog>
  );
}
