import { createSignal, createUniqueId, For, onCleanup, Show, type JSX } from 'solid-js';
import { dismissOn } from './dismiss.js';
import './menu.css';

export interface MenuItem {
  label: string;
  run: () => void;
  danger?: boolean;
  /** Shown instead of the label (an emoji in the quick-reaction row); the label names it. */
  icon?: string;
}

/**
 * A button with a menu of actions, the WAI-ARIA menu button pattern: Enter, Space or
 * ArrowDown open it on the first item (ArrowUp on the last), arrows, Home and End
 * move, a choice closes it, Escape or a click outside closes it and Escape gives focus
 * back to the button; Tab leaves it closed.
 *
 * The list lives in the top layer (a manual popover), so a scroller, a transform or an
 * overflow around the button (the chat's virtual rows, the doc header) never clips it;
 * it sits below the button, or above it when the window has no room below.
 */
export function Menu(props: {
  label: string;
  /** The button's content; the label is its accessible name. */
  button: JSX.Element;
  buttonClass?: string;
  items: MenuItem[];
  /** Compact items shown first, in one row (quick reactions). */
  row?: MenuItem[];
  /** Receives `open`, for another way in (a long press on touch screens). */
  ref?: ((open: () => void) => void) | undefined;
}) {
  const id = createUniqueId();
  const [open, setOpen] = createSignal(false);
  let button!: HTMLButtonElement;
  let list!: HTMLDivElement;

  const items = () => [...list.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  const focusItem = (index: number) => {
    const all = items();
    all[(index + all.length) % all.length]?.focus();
  };
  const place = () => {
    const box = button.getBoundingClientRect();
    const { offsetHeight: height, offsetWidth: width } = list;
    const below = box.bottom + height + 8 <= window.innerHeight;
    list.style.top = `${Math.max(4, below ? box.bottom + 4 : box.top - height - 4)}px`;
    list.style.left = `${Math.max(4, Math.min(box.right - width, window.innerWidth - width - 4))}px`;
  };
  const show = (first = 0) => {
    if (!open()) {
      list.showPopover();
      place();
      setOpen(true);
    }
    focusItem(first);
  };
  const close = (refocus: boolean) => {
    if (!open()) return;
    setOpen(false);
    if (list.matches(':popover-open')) list.hidePopover();
    if (refocus) button.focus();
  };
  dismissOn({ isOpen: open, inside: () => [button, list], close });
  onCleanup(() => close(false));
  props.ref?.(() => show());

  const onListKey = (event: KeyboardEvent) => {
    const all = items();
    const current = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowRight: current + 1,
      ArrowUp: current - 1,
      ArrowLeft: current - 1,
      Home: 0,
      End: all.length - 1,
    };
    const next = moves[event.key];
    if (next !== undefined) {
      event.preventDefault();
      focusItem(next);
    } else if (event.key === 'Tab') {
      close(false);
    }
  };
  const item = (action: MenuItem, compact: boolean) => (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      class={compact ? 'menu-item-compact' : 'menu-item'}
      classList={{ 'menu-item-danger': action.danger === true }}
      aria-label={action.icon === undefined ? undefined : action.label}
      onClick={() => {
        close(true);
        action.run();
      }}
    >
      {action.icon ?? action.label}
    </button>
  );

  return (
    <>
      <button
        ref={button}
        type="button"
        class={props.buttonClass ?? 'button button-small button-icon'}
        aria-label={props.label}
        title={props.label}
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
        {props.button}
      </button>
      <div
        ref={list}
        id={id}
        popover="manual"
        class="menu"
        role="menu"
        aria-label={props.label}
        onKeyDown={onListKey}
      >
        <Show when={props.row?.length}>
          <div class="menu-row" role="group" aria-label="Quick reactions">
            <For each={props.row}>{(action) => item(action, true)}</For>
          </div>
        </Show>
        <For each={props.items}>{(action) => item(action, false)}</For>
      </div>
    </>
  );
}
