import { createSignal, For, Show } from 'solid-js';
import { usePeople } from '../../workspace/workspace-context.js';
import { useChat } from './chat-context.js';
import { renderMarkdown } from './markdown.js';
import { receiptOf, type Ding } from '../../workspace/chat/index.js';
import type { ChannelActions } from './channel-actions.js';
import type { ChannelMessage } from './use-channel.js';

export const QUICK_REACTIONS = ['👍', '🎉', '❤️', '😄', '👀'] as const;

/** What every row needs from its channel. */
export interface MessageContext {
  actions: ChannelActions;
  run: (action: () => void) => void;
  pointers: Map<string, string>;
  members: string[] | null;
  dings: Ding[];
  readOnly: boolean;
  openThread?: (id: string) => void;
  openReceipt: (message: ChannelMessage) => void;
  openDing?: (message: ChannelMessage) => void;
  /** "Create task" from this message (a task that links back to it). */
  createTask?: (message: ChannelMessage) => void;
}

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function MessageItem(props: {
  message: ChannelMessage;
  replies: number;
  context: MessageContext;
}) {
  const chat = useChat();
  const people = usePeople();
  const [editing, setEditing] = createSignal(false);
  const [draft, setDraft] = createSignal('');
  const mine = () => props.message.author === chat.me();
  const receipt = () =>
    props.context.members
      ? receiptOf(props.message, props.context.pointers, props.context.members)
      : null;
  const ding = () => props.context.dings.find((d) => d.messageId === props.message.id);
  const m = () => props.message;
  const act = (action: () => void) => props.context.run(action);

  return (
    <article
      class="chat-message"
      aria-label={`${people.nameOf(m().author)}: ${m().deleted ? 'deleted message' : m().text}`}
      data-message-id={m().id}
      data-testid="message"
      tabindex="-1"
    >
      <header class="row chat-message-head">
        <strong>{people.nameOf(m().author)}</strong>
        <time class="muted small" dateTime={new Date(m().createdAt).toISOString()}>
          {time.format(m().createdAt)}
        </time>
        <Show when={m().editedAt !== null && !m().deleted}>
          <span class="muted small">(edited)</span>
        </Show>
        <Show when={!m().sent}>
          <span class="badge badge-warn" data-testid="not-sent">
            Not yet sent
          </span>
        </Show>
        <Show when={ding()}>
          {(d) => (
            <span class="badge badge-warn" data-testid="ding-status">
              Urgent · acknowledged by {d().acks.size} / {d().recipients.length}
              <Show when={mine() && d().acks.size > 0}>
                : {[...d().acks.keys()].map((id) => people.nameOf(id)).join(', ')}
              </Show>
            </span>
          )}
        </Show>
      </header>
      <Show
        when={!m().deleted}
        fallback={
          <p class="muted chat-deleted" data-testid="message-text">
            This message was deleted.
          </p>
        }
      >
        <Show
          when={editing()}
          fallback={
            <div
              class="chat-text"
              dir="auto"
              data-testid="message-text"
              innerHTML={renderMarkdown(m().text)}
            />
          }
        >
          <form
            class="row"
            onSubmit={(event) => {
              event.preventDefault();
              act(() => props.context.actions.edit(m(), draft()));
              setEditing(false);
            }}
          >
            <label class="visually-hidden" for={`edit-${m().id}`}>
              Edit message
            </label>
            <textarea
              id={`edit-${m().id}`}
              class="input"
              dir="auto"
              rows={2}
              value={draft()}
              onInput={(e) => setDraft(e.currentTarget.value)}
            />
            <button type="submit" class="button button-small">
              Save
            </button>
            <button type="button" class="button button-small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </form>
        </Show>
      </Show>
      <div class="row chat-message-foot">
        <For each={m().reactions}>
          {(reaction) => (
            <button
              type="button"
              class="button button-small chat-reaction"
              aria-pressed={reaction.users.includes(chat.me() ?? '')}
              aria-label={`${reaction.emoji} ${reaction.users.length}: ${reaction.users.map((id) => people.nameOf(id)).join(', ')}`}
              disabled={props.context.readOnly}
              onClick={() => act(() => props.context.actions.react(m(), reaction.emoji))}
            >
              {reaction.emoji} {reaction.users.length}
            </button>
          )}
        </For>
        <Show when={receipt()}>
          {(r) => (
            <button
              type="button"
              class="button button-small chat-receipt"
              data-testid="receipt"
              onClick={() => props.context.openReceipt(m())}
              aria-label={`Read by ${r().read.length} of ${r().read.length + r().unread.length}: show who`}
            >
              Read by {r().read.length} / {r().read.length + r().unread.length}
            </button>
          )}
        </Show>
        <Show when={props.context.openThread && props.replies > 0}>
          <button
            type="button"
            class="button button-small"
            onClick={() => props.context.openThread?.(m().id)}
          >
            {props.replies} {props.replies === 1 ? 'reply' : 'replies'}
          </button>
        </Show>
        <Show when={!props.context.readOnly && !m().deleted}>
          <details class="chat-actions">
            <summary class="button button-small">Actions</summary>
            <div class="row">
              <For each={QUICK_REACTIONS}>
                {(emoji) => (
                  <button
                    type="button"
                    class="button button-small"
                    aria-label={`React with ${emoji}`}
                    onClick={() => act(() => props.context.actions.react(m(), emoji))}
                  >
                    {emoji}
                  </button>
                )}
              </For>
              <Show when={props.context.openThread}>
                <button
                  type="button"
                  class="button button-small"
                  onClick={() => props.context.openThread?.(m().id)}
                >
                  Reply in thread
                </button>
              </Show>
              <Show when={props.context.createTask}>
                <button
                  type="button"
                  class="button button-small"
                  onClick={() => props.context.createTask?.(m())}
                >
                  Create task
                </button>
              </Show>
              <Show when={mine()}>
                <button
                  type="button"
                  class="button button-small"
                  onClick={() => {
                    setDraft(m().text);
                    setEditing(true);
                  }}
                >
                  Edit
                </button>
                <button
                  type="button"
                  class="button button-small button-danger"
                  onClick={() => act(() => props.context.actions.remove(m()))}
                >
                  Delete
                </button>
                <Show when={props.context.openDing && !ding()}>
                  <button
                    type="button"
                    class="button button-small"
                    onClick={() => props.context.openDing?.(m())}
                  >
                    DING (urgent)
                  </button>
                </Show>
              </Show>
            </div>
          </details>
        </Show>
      </div>
    </article>
  );
}
