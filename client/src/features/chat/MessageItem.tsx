import { createSignal, For, Show } from 'solid-js';
import { Avatar } from '../../ui/Avatar.js';
import { receiptOf } from '../../workspace/chat/index.js';
import { usePeople } from '../../workspace/workspace-context.js';
import { useChat } from './chat-context.js';
import { renderMarkdown } from './markdown.js';
import { longPress, MessageActions } from './MessageActions.js';
import type { MessageContext } from './message-context.js';
import { fullTime, gutterTime, shortTime } from './time-format.js';
import type { ChannelMessage } from './use-channel.js';

/**
 * One message. A `continued` message (same author, minutes later [CHAT7]) has no name or
 * avatar; its time shows in the gutter on hover. Actions live in a hover toolbar.
 */
export function MessageItem(props: {
  message: ChannelMessage;
  replies: number;
  context: MessageContext;
  continued?: boolean;
}) {
  const chat = useChat();
  const people = usePeople();
  const [editing, setEditing] = createSignal(false);
  const [draft, setDraft] = createSignal('');
  let openMenu: (() => void) | undefined;
  const m = () => props.message;
  const mine = () => m().author === chat.me();
  const deleted = () => m().deleted || props.context.deleting.has(m().id);
  // Read receipts are the author's to see (DingTalk, Lark): others get no row of them.
  const receipt = () => {
    if (!mine() || !props.context.members || deleted()) return null;
    const r = receiptOf(m(), props.context.pointers, props.context.members);
    return r.read.length + r.unread.length > 0 ? r : null;
  };
  const ding = () => props.context.dings.find((d) => d.messageId === m().id);
  const act = (action: () => void) => props.context.run(action);
  const created = () => new Date(m().createdAt);

  const receiptButton = () => (
    <Show when={receipt()}>
      {(r) => (
        <button
          type="button"
          class="chat-receipt"
          data-testid="receipt"
          onClick={() => props.context.openReceipt(m())}
          aria-label={`Read by ${r().read.length} of ${r().read.length + r().unread.length}: show who`}
          title="Who has read this"
        >
          <span aria-hidden="true">{r().unread.length === 0 ? '✓✓' : '✓'}</span> {r().read.length}/
          {r().read.length + r().unread.length}
        </button>
      )}
    </Show>
  );

  const badges = () => (
    <>
      <Show when={m().editedAt !== null && !deleted()}>
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
    </>
  );

  return (
    <article
      class="chat-message"
      classList={{ 'chat-message-continued': props.continued === true }}
      aria-label={`${people.nameOf(m().author)}: ${deleted() ? 'deleted message' : m().text}`}
      data-message-id={m().id}
      data-testid="message"
      tabindex="-1"
      {...longPress(() => openMenu?.())}
    >
      <div class="chat-gutter">
        <Show
          when={!props.continued}
          fallback={
            <time
              class="chat-gutter-time"
              dateTime={created().toISOString()}
              title={fullTime(created())}
            >
              {gutterTime(created())}
            </time>
          }
        >
          <Avatar name={people.nameOf(m().author)} id={m().author} decorative />
        </Show>
      </div>
      <div class="chat-message-body">
        <Show when={!props.continued}>
          <header class="chat-message-head">
            <strong class="chat-author">{people.nameOf(m().author)}</strong>
            <time
              class="muted small"
              dateTime={created().toISOString()}
              title={fullTime(created())}
            >
              {shortTime(created())}
            </time>
            {badges()}
            {receiptButton()}
          </header>
        </Show>
        <Show
          when={!deleted()}
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
              class="chat-edit"
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
              <div class="row">
                <button type="submit" class="button button-small">
                  Save
                </button>
                <button type="button" class="button button-small" onClick={() => setEditing(false)}>
                  Cancel
                </button>
              </div>
            </form>
          </Show>
        </Show>
        <div class="chat-message-foot">
          <Show when={props.continued}>
            {badges()}
            {receiptButton()}
          </Show>
          <For each={m().reactions}>
            {(reaction) => (
              <button
                type="button"
                class="chat-reaction"
                aria-pressed={reaction.users.includes(chat.me() ?? '')}
                aria-label={`${reaction.emoji} ${reaction.users.length}: ${reaction.users.map((id) => people.nameOf(id)).join(', ')}`}
                disabled={props.context.readOnly}
                onClick={() => act(() => props.context.actions.react(m(), reaction.emoji))}
              >
                {reaction.emoji} {reaction.users.length}
              </button>
            )}
          </For>
          <Show when={props.context.openThread && props.replies > 0}>
            <button
              type="button"
              class="chat-replies"
              onClick={() => props.context.openThread?.(m().id)}
            >
              {props.replies} {props.replies === 1 ? 'reply' : 'replies'}
            </button>
          </Show>
        </div>
      </div>
      <Show when={!deleted() && !editing()}>
        <MessageActions
          message={m()}
          context={props.context}
          mine={mine()}
          canDing={!ding()}
          onEdit={() => {
            setDraft(m().text);
            setEditing(true);
          }}
          ref={(open) => (openMenu = open)}
        />
      </Show>
    </article>
  );
}
