import { For, Show } from 'solid-js';
import { Avatar } from '../../ui/Avatar.js';
import { usePeople } from '../../workspace/workspace-context.js';
import { Composer } from './Composer.js';
import { renderMarkdown } from './markdown.js';
import type { ChannelMessage } from './use-channel.js';

/** A message and its replies; replies live in the parent's month (one doc per thread). */
export function ThreadPanel(props: {
  parent: ChannelMessage;
  replies: ChannelMessage[];
  readOnly: boolean;
  onReply: (text: string) => void;
  onClose: () => void;
  /** Opens "Catch me up" on this thread; absent when the feature is off. */
  onCatchUp?: (() => void) | undefined;
  /** A reply to highlight (a summary's source link). */
  focusId?: string | null;
}) {
  const people = usePeople();
  return (
    <aside class="chat-thread card stack" aria-label="Thread">
      <div class="row-between">
        <h2>Thread</h2>
        <div class="row">
          {props.onCatchUp ? (
            <button type="button" class="button button-small" onClick={() => props.onCatchUp?.()}>
              Catch me up
            </button>
          ) : null}
          <button type="button" class="button button-small" onClick={() => props.onClose()}>
            Close thread
          </button>
        </div>
      </div>
      <div class="chat-message">
        <ThreadMessage message={props.parent} name={people.nameOf(props.parent.author)} />
      </div>
      <ol class="plain-list stack" aria-label="Replies">
        <For each={props.replies}>
          {(reply) => (
            <li
              class="chat-message"
              classList={{ 'chat-focus': props.focusId === reply.id }}
              data-testid="reply"
              data-message-id={reply.id}
              tabindex="-1"
              ref={(el) => {
                if (props.focusId === reply.id)
                  requestAnimationFrame(() => {
                    el.scrollIntoView({ block: 'center' });
                    el.focus({ preventScroll: true });
                  });
              }}
            >
              <ThreadMessage message={reply} name={people.nameOf(reply.author)} />
            </li>
          )}
        </For>
      </ol>
      {props.readOnly ? null : (
        <Composer label="Reply in thread" onSend={(text) => props.onReply(text)} />
      )}
    </aside>
  );
}

/** One message of the thread, laid out like the main list's: avatar, then name and text. */
function ThreadMessage(props: { message: ChannelMessage; name: string }) {
  return (
    <>
      <div class="chat-gutter">
        <Avatar name={props.name} id={props.message.author} decorative />
      </div>
      <div class="chat-message-body">
        <strong class="chat-author">{props.name}</strong>
        <Show when={!props.message.sent}> (not yet sent)</Show>
        <div
          class="chat-text"
          dir="auto"
          innerHTML={
            props.message.deleted ? 'This message was deleted.' : renderMarkdown(props.message.text)
          }
        />
      </div>
    </>
  );
}
