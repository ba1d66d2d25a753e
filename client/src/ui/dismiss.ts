import { createEffect, onCleanup } from 'solid-js';

/**
 * What every floating panel (menus, the channel settings, the account panel) does to
 * go away: a press outside `inside()` closes it, Escape closes it and gives focus back
 * to its button. Listening on the document rather than on the panel, because Escape
 * must work wherever focus is (a panel that holds no focus yet, a field inside it).
 */
export function dismissOn(options: {
  isOpen: () => boolean;
  inside: () => (Node | undefined)[];
  close: (refocus: boolean) => void;
}) {
  const onPointer = (event: PointerEvent) => {
    const target = event.target;
    if (!options.isOpen() || !(target instanceof Node)) return;
    if (!options.inside().some((node) => node?.contains(target))) options.close(false);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !options.isOpen()) return;
    // Only the innermost open panel closes: a dialog around it stays.
    event.preventDefault();
    event.stopPropagation();
    options.close(true);
  };
  // Listening only while open: a chat has a menu on every visible message.
  createEffect(() => {
    if (!options.isOpen()) return;
    // Capture: a row's own pointerdown handler (a virtual list, a drag) must not hide it.
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('keydown', onKey, true);
    onCleanup(() => {
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('keydown', onKey, true);
    });
  });
}
