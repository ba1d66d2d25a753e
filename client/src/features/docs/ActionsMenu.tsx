import { createSignal, createUniqueId, For, onCleanup, Show } from 'solid-js';

export interface MenuAction {
  label: string;
  run: () => void;
  danger?: boolean;
}

/**
 * A "…" button with a menu of actions (the WAI-ARIA menu button pattern): Enter,
 * Space or ArrowDown open it on the first item, arrows, Home and End move, Escape or
 * a click outside closes it and gives focus back to the button, a choice closes it.
 */
export function ActionsMenu(props: { label: string; actions: MenuAction[] }) {
  const id = createUniqueId();
  const [open, setOpen] = createSignal(false);
  let root!: HTMLDivElement;
  let button!: HTMLButtonElement;

  const items = () => [...root.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  const focusItem = (index: number) => {
    const all = items();
    all[(index + all.length) % all.length]?.focus();
  };
  const show = (first = 0) => {
    setOpen(true);
    queueMicrotask(() => focusItem(first));
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.focus();
  };
  const onOutside = (event: PointerEvent) => {
    if (open() && !root.contains(event.target as Node)) close(false);
  };
  document.addEventListener('pointerdown', onOutside);
  onCleanup(() => document.removeEventListener('pointerdown', onOutside));

  const onMenuKey = (event: KeyboardEvent) => {
    const all = items();
    const current = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      Home: 0,
      End: all.length - 1,
    };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      focusItem(next);
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      if (event.key === 'Escape') event.preventDefault();
      close(event.key === 'Escape');
    }
  };

  return (
    <div class="actions-menu" ref={root}>
      <button
        ref={button}
        type="button"
        class="button button-small button-icon"
        aria-label={props.label}
        aria-haspopup="menu"
        aria-expanded={open()}
        aria-controls={id}
        onClick={() => (open() ? close(false) : show())}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            show(event.key === 'ArrowDown' ? 0 : -1);
          }
        }}
      >
        …
      </button>
      <Show when={open()}>
        <div
          id={id}
          class="actions-menu-list card"
          role="menu"
          aria-label={props.label}
          onKeyDown={onMenuKey}
        >
          <For each={props.actions}>
            {(action) => (
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                class="actions-menu-item"
                classList={{ 'actions-menu-danger': action.danger === true }}
                onClick={() => {
                  close(true);
                  action.run();
                }}
              >
                {action.label}
              </button>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
