import { createSignal, createUniqueId, type JSX } from 'solid-js';
import { dismissOn } from './dismiss.js';
import './menu.css';

/**
 * A button that opens a small panel of settings below it (the disclosure pattern, not
 * ui/Menu: the panel holds fields, which a role="menu" may not). It stays while it is
 * used, and closes like a menu: Escape (focus back on the button), a click outside, or
 * the button again.
 */
export function Popover(props: { label: string; icon: string; children: JSX.Element }) {
  const id = createUniqueId();
  let root!: HTMLDivElement;
  let button!: HTMLButtonElement;
  const [open, setOpen] = createSignal(false);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.focus();
  };
  dismissOn({ isOpen: open, inside: () => [root], close });
  return (
    <div class="popover" ref={root}>
      <button
        ref={button}
        type="button"
        class="button button-small popover-button"
        aria-label={props.label}
        aria-expanded={open()}
        aria-controls={id}
        onClick={() => setOpen(!open())}
      >
        <span aria-hidden="true">{props.icon}</span>
        <span class="popover-label" aria-hidden="true">
          {props.label}
        </span>
      </button>
      <div id={id} class="popover-panel card" hidden={!open()}>
        {props.children}
      </div>
    </div>
  );
}
