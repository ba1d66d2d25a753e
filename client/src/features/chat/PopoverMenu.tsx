import { createSignal, onCleanup, type JSX } from 'solid-js';

/**
 * A button that opens a small panel below it (settings, filters). The panel stays
 * while it is used, and closes on Escape, a click outside, or the button again.
 */
export function PopoverMenu(props: { label: string; icon: string; children: JSX.Element }) {
  let root!: HTMLDivElement;
  let button!: HTMLButtonElement;
  const [open, setOpen] = createSignal(false);
  const onOutside = (event: PointerEvent) => {
    if (!root.contains(event.target as Node)) setShown(false);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    setShown(false);
    button.focus();
  };
  function setShown(shown: boolean) {
    setOpen(shown);
    if (shown) {
      document.addEventListener('pointerdown', onOutside, true);
      document.addEventListener('keydown', onKey);
    } else {
      document.removeEventListener('pointerdown', onOutside, true);
      document.removeEventListener('keydown', onKey);
    }
  }
  onCleanup(() => setShown(false));
  return (
    <div class="popover-menu" ref={root}>
      <button
        ref={button}
        type="button"
        class="button button-small popover-button"
        aria-label={props.label}
        aria-expanded={open()}
        onClick={() => setShown(!open())}
      >
        <span aria-hidden="true">{props.icon}</span>
        <span class="popover-label" aria-hidden="true">
          {props.label}
        </span>
      </button>
      <div class="popover-panel card" hidden={!open()}>
        {props.children}
      </div>
    </div>
  );
}
