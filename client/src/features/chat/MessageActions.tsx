import { Show } from 'solid-js';
import { Menu, type MenuItem } from '../../ui/Menu.js';
import { QUICK_REACTIONS, type MessageContext } from './message-context.js';
import type { ChannelMessage } from './use-channel.js';

const LONG_PRESS_MS = 500;

/**
 * The hover toolbar of one message (Slack's): a quick reaction, "Reply in thread" and
 * "More actions", shown on hover or keyboard focus. The menu lives in the top layer
 * (ui/Menu), so neither the virtual rows' transforms nor the scroller's containment
 * clip it.
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
  const m = () => props.message;
  const act = (action: () => void) => props.context.run(action);
  const copyLink = async () => {
    const url = new URL(`/chat/${props.context.roomId}`, location.origin);
    url.searchParams.set('message', m().id);
    await navigator.clipboard.writeText(url.toString());
  };
  const reactions = (): MenuItem[] =>
    props.context.readOnly
      ? []
      : QUICK_REACTIONS.map((emoji) => ({
          label: `React with ${emoji}`,
          icon: emoji,
          run: () => act(() => props.context.actions.react(m(), emoji)),
        }));
  const items = (): MenuItem[] => {
    const c = props.context;
    const writable = !c.readOnly;
    return [
      ...(c.openThread ? [{ label: 'Reply in thread', run: () => c.openThread?.(m().id) }] : []),
      ...(c.createTask && writable
        ? [{ label: 'Create task', run: () => c.createTask?.(m()) }]
        : []),
      ...(props.mine && props.canDing && c.openDing
        ? [{ label: 'DING (urgent)', run: () => c.openDing?.(m()) }]
        : []),
      { label: 'Copy link', run: () => void copyLink().catch(() => undefined) },
      ...(props.mine && writable
        ? [
            { label: 'Edit', run: () => props.onEdit() },
            { label: 'Delete', danger: true, run: () => c.remove(m()) },
          ]
        : []),
    ];
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
      <Menu
        label="More actions"
        button={<span aria-hidden="true">⋯</span>}
        buttonClass="chat-tool"
        row={reactions()}
        items={items()}
        ref={props.ref}
      />
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
