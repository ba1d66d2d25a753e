import { createSignal, For, onCleanup, Show } from 'solid-js';
import { QUICK_REACTIONS, type MessageContext } from './message-context.js';
import type { ChannelMessage } from './use-channel.js';

const LONG_PRESS_MS = 500;

/**
 * The hover toolbar of one message (Slack's): a quick reaction, "Reply in thread" and
 * "More actions", shown on hover or keyboard focus. The menu lives in the top layer
 * (popover), so neither the virtual rows' transforms nor the scroller's containment
 * clip it; it closes on a choice, Escape or a click outside.
 */
export function MessageActions(props: {
  message: ChannelMessage;
  context: MessageContext;
  mine: boolean;
  canDing: boolean;
  onEdit: () => void;
  /** Set by the row: opens the menu (a long press on touch screens). */
  ref?: (open: () => void) => void;
}) {
  let trigger!: HTMLButtonElement;
  let menu!: HTMLDivElement;
  const [open, setOpen] = createSignal(false);
  const m = () => props.message;
  const act = (action: () => void) => props.context.run(action);

  const onOutside = (event: PointerEvent) => {
    if (!menu.contains(event.target as Node) && !trigger.contains(event.target as Node)) close();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      close();
      trigger.focus();
    }
  };
  const show = () => {
    if (open()) return;
    const box = trigger.getBoundingClientRect();
    menu.showPopover();
    // Below the button, or above it when the window has no room below.
    const height = menu.offsetHeight;
    const width = menu.offsetWidth;
    const top =
      box.bottom + height + 8 > window.innerHeight ? box.top - height - 4 : box.bottom + 4;
    menu.style.top = `${Math.max(4, top)}px`;
    menu.style.left = `${Math.max(4, Math.min(box.right - width, window.innerWidth - width - 4))}px`;
    setOpen(true);
    document.addEventListener('pointerdown', onOutside, true);
    document.addEventListener('keydown', onKey);
    menu.querySelector<HTMLButtonElement>('button')?.focus();
  };
  function close() {
    if (!open()) return;
    setOpen(false);
    if (menu.matches(':popover-open')) menu.hidePopover();
    document.removeEventListener('pointerdown', onOutside, true);
    document.removeEventListener('keydown', onKey);
  }
  onCleanup(close);
  props.ref?.(show);
  const choose = (action: () => void) => () => {
    close();
    action();
  };
  const copyLink = async () => {
    const url = new URL(`/chat/${props.context.roomId}`, location.origin);
    url.searchParams.set('message', m().id);
    await navigator.clipboard.writeText(url.toString());
  };

  return (
    <div class="chat-toolbar" role="group" aria-label="Message actions">
      <Show when={!props.context.readOnly}>
        <button
          type="button"
          class="chat-tool"
          aria-label="React with 👍"
          title="React with 👍"
          onClick={() => act(() => props.context.actions.react(m(), '👍'))}
        >
          👍
        </button>
      </Show>
      <Show when={props.context.openThread}>
        <button
          type="button"
          class="chat-tool"
          aria-label="Reply in thread"
          title="Reply in thread"
          onClick={() => props.context.openThread?.(m().id)}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <path
              fill="none"
              stroke="currentColor"
              stroke-width="1.5"
              d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z"
            />
          </svg>
        </button>
      </Show>
      <button
        ref={trigger}
        type="button"
        class="chat-tool"
        aria-label="More actions"
        title="More actions"
        aria-haspopup="true"
        aria-expanded={open()}
        onClick={() => (open() ? close() : show())}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      <div ref={menu} popover="manual" class="chat-menu" role="group" aria-label="Message menu">
        <Show when={!props.context.readOnly}>
          <div class="chat-menu-reactions">
            <For each={QUICK_REACTIONS}>
              {(emoji) => (
                <button
                  type="button"
                  class="chat-tool"
                  aria-label={`React with ${emoji}`}
                  onClick={choose(() => act(() => props.context.actions.react(m(), emoji)))}
                >
                  {emoji}
                </button>
              )}
            </For>
          </div>
        </Show>
        <Show when={props.context.openThread}>
          <button
            type="button"
            class="chat-menu-item"
            onClick={choose(() => props.context.openThread?.(m().id))}
          >
            Reply in thread
          </button>
        </Show>
        <Show when={props.context.createTask && !props.context.readOnly}>
          <button
            type="button"
            class="chat-menu-item"
            onClick={choose(() => props.context.createTask?.(m()))}
          >
            Create task
          </button>
        </Show>
        <Show when={props.mine && props.canDing && props.context.openDing}>
          <button
            type="button"
            class="chat-menu-item"
            onClick={choose(() => props.context.openDing?.(m()))}
          >
            DING (urgent)
          </button>
        </Show>
        <button
          type="button"
          class="chat-menu-item"
          onClick={choose(() => void copyLink().catch(() => undefined))}
        >
          Copy link
        </button>
        <Show when={props.mine && !props.context.readOnly}>
          <button type="button" class="chat-menu-item" onClick={choose(() => props.onEdit())}>
            Edit
          </button>
          <button
            type="button"
            class="chat-menu-item chat-menu-danger"
            onClick={choose(() => props.context.remove(m()))}
          >
            Delete
          </button>
        </Show>
      </div>
    </div>
  );
}

/** Long press on a touch screen: the same menu as "More actions". */
export function longPress(open: () => void) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let start = { x: 0, y: 0 };
  const cancel = () => clearTimeout(timer);
  return {
    onPointerDown: (event: PointerEvent) => {
      if (event.pointerType !== 'touch') return;
      cancel();
      start = { x: event.clientX, y: event.clientY };
      timer = setTimeout(open, LONG_PRESS_MS);
    },
    // A finger that scrolls is not pressing.
    onPointerMove: (event: PointerEvent) => {
      if (Math.hypot(event.clientX - start.x, event.clientY - start.y) > 10) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    // Chromium on Android also opens its own context menu on a long press.
    onContextMenu: (event: MouseEvent) => {
      if ((event as PointerEvent).pointerType === 'touch') event.preventDefault();
    },
  };
}
