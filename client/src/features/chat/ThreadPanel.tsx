import { For } from 'solid-js';
import { useChat } from './chat-context.js';
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
}) {
  const chat = useChat();
  return (
    <aside class="chat-thread card stack" aria-label="Thread">
      <div class="row-between">
        <h2>Thread</h2>
        <button type="button" class="button button-small" onClick={() => props.onClose()}>
          Close thread
        </button>
      </div>
      <div class="chat-message">
        <strong>{chat.nameOf(props.parent.author)}</strong>
        <div
          class="chat-text"
          innerHTML={
            props.parent.deleted ? 'This message was deleted.' : renderMarkdown(props.parent.text)
          }
        />
      </div>
      <ol class="plain-list stack" aria-label="Replies">
        <For each={props.replies}>
          {(reply) => (
            <li class="chat-message" data-testid="reply">
              <strong>{chat.nameOf(reply.author)}</strong>
              {reply.sent ? '' : ' (not yet sent)'}
              <div
                class="chat-text"
                innerHTML={reply.deleted ? 'This message was deleted.' : renderMarkdown(reply.text)}
              />
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
