import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createMemo, For, on, Show } from 'solid-js';
import { EmptyState, Skeleton } from '../../ui/States.js';
import { dayLabelOf, layoutTimeline } from '../../workspace/chat/index.js';
import type { MessageContext } from './message-context.js';
import { MessageItem } from './MessageItem.js';
import { dayLabelText } from './time-format.js';
import type { ChannelMessage } from './use-channel.js';

const NEAR_TOP_PX = 150;
const NEAR_BOTTOM_PX = 80;

/**
 * The channel timeline, virtualized (@tanstack/solid-virtual): only the rows on screen
 * (plus a few) are in the DOM, so a month of 100,000 messages scrolls like ten. Starts
 * at the bottom, follows new messages while scrolled to the bottom, and asks for the
 * previous month when scrolled to the top, keeping the reader's place.
 */
export function MessageList(props: {
  messages: ChannelMessage[];
  replies: Map<string, ChannelMessage[]>;
  firstUnreadId: string | null;
  hasOlder: boolean;
  onLoadOlder: () => void;
  loaded: boolean;
  context: MessageContext;
  /** A message to scroll to and highlight (a summary's source link, a ?message= link). */
  focus?: { id: string; seq: number } | null;
}) {
  let scroller!: HTMLDivElement;
  const layout = createMemo(() => layoutTimeline(props.messages, props.firstUnreadId));
  const dayText = (dayStart: number) => {
    const now = new Date();
    return dayLabelText(dayLabelOf(dayStart, now.getTime()), now);
  };
  const virtualizer = createVirtualizer<HTMLDivElement, HTMLElement>({
    get count() {
      return props.messages.length;
    },
    getScrollElement: () => scroller,
    estimateSize: () => 72,
    overscan: 8,
    getItemKey: (index) => props.messages[index]?.id ?? index,
  });

  let atBottom = true;
  let keepFromBottom: number | null = null;
  createEffect(
    on(
      () => props.messages.length,
      (count, previous) => {
        if (count === 0) return;
        queueMicrotask(() => {
          if (keepFromBottom !== null && previous !== undefined && count > previous) {
            scroller.scrollTop = scroller.scrollHeight - keepFromBottom;
            keepFromBottom = null;
          } else if (atBottom) {
            virtualizer.scrollToIndex(count - 1, { align: 'end' });
          }
        });
      },
    ),
  );

  // Scroll the focused message into the middle, then move keyboard focus to it.
  createEffect(
    on(
      () => [props.focus, props.messages.length] as const,
      ([focus]) => {
        if (!focus) return;
        const index = props.messages.findIndex((m) => m.id === focus.id);
        if (index < 0) return;
        atBottom = false;
        virtualizer.scrollToIndex(index, { align: 'center' });
        requestAnimationFrame(() => {
          const el = scroller.querySelector<HTMLElement>(
            `[data-message-id="${CSS.escape(focus.id)}"]`,
          );
          el?.focus({ preventScroll: true });
        });
      },
    ),
  );

  const onScroll = () => {
    atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
    if (scroller.scrollTop < NEAR_TOP_PX && props.hasOlder && keepFromBottom === null) {
      keepFromBottom = scroller.scrollHeight - scroller.scrollTop;
      props.onLoadOlder();
    }
  };

  return (
    <div
      ref={scroller}
      class="chat-scroller"
      onScroll={onScroll}
      role="log"
      aria-label="Messages"
      aria-busy={!props.loaded}
      data-loaded={props.loaded ? 'true' : 'false'}
      tabindex="0"
    >
      <Show when={props.hasOlder}>
        <button
          type="button"
          class="button button-small chat-older"
          onClick={() => props.onLoadOlder()}
        >
          Load older messages
        </button>
      </Show>
      <Show when={!props.loaded && props.messages.length === 0}>
        <div class="chat-none">
          <Skeleton label="messages" lines={4} />
        </div>
      </Show>
      <Show when={props.loaded && props.messages.length === 0}>
        <div class="chat-none">
          <EmptyState title="No messages yet">
            This is the start of the conversation. Say hello below.
          </EmptyState>
        </div>
      </Show>
      <div class="chat-rows" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        <For each={virtualizer.getVirtualItems()}>
          {(row) => (
            <Show when={props.messages[row.index]}>
              {(message) => (
                <div
                  class="chat-row"
                  classList={{ 'chat-row-focus': props.focus?.id === message().id }}
                  data-index={row.index}
                  ref={(el) => queueMicrotask(() => virtualizer.measureElement(el))}
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  <Show when={layout()[row.index]?.dayStart} keyed>
                    {(dayStart) => (
                      <div class="chat-day" role="separator" aria-label={dayText(dayStart)}>
                        <span>{dayText(dayStart)}</span>
                      </div>
                    )}
                  </Show>
                  <Show when={message().id === props.firstUnreadId}>
                    <div class="chat-divider" role="separator" aria-label="New messages">
                      New messages
                    </div>
                  </Show>
                  <MessageItem
                    message={message()}
                    replies={props.replies.get(message().id)?.length ?? 0}
                    context={props.context}
                    continued={layout()[row.index]?.continued ?? false}
                  />
                </div>
              )}
            </Show>
          )}
        </For>
      </div>
    </div>
  );
}
