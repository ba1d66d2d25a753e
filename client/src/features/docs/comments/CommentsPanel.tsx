import type { Editor } from '@tiptap/core';
import { createSignal, For, Show, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import { FormError } from '../../../ui/FormError.js';
import { commentRange, selectionAnchors } from '../editor/comment-highlights.js';
import { addComment, replyToComment, setResolved, type Comment } from './comments-model.js';

interface Author {
  authorId: string;
  authorName: string;
}

/** Comments beside the doc: add one on the selected words, reply, resolve, reopen. */
export function CommentsPanel(props: {
  doc: Y.Doc;
  editor: Accessor<Editor | null>;
  comments: Accessor<Comment[]>;
  author: () => Author;
  readOnly: boolean;
  active: Accessor<string | null>;
  setActive: (id: string | null) => void;
}) {
  const [draft, setDraft] = createSignal<ReturnType<typeof selectionAnchors>>(null);
  const [text, setText] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [showResolved, setShowResolved] = createSignal(false);
  const stamp = () => ({ id: crypto.randomUUID(), at: Date.now(), ...props.author() });

  const start = () => {
    const editor = props.editor();
    const anchors = editor ? selectionAnchors(editor.state) : null;
    setError(anchors ? null : 'Select the words you want to comment on first.');
    setDraft(anchors);
  };
  const save = () => {
    const anchors = draft();
    if (!anchors) return;
    try {
      addComment(props.doc, { ...stamp(), ...anchors, text: text() });
      setDraft(null);
      setText('');
      setError(null);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Could not add the comment.');
    }
  };
  const focus = (comment: Comment) => {
    props.setActive(comment.id);
    const editor = props.editor();
    const range = editor ? commentRange(editor.state, comment) : null;
    if (editor && range) editor.chain().focus().setTextSelection(range).scrollIntoView().run();
  };
  const visible = () => props.comments().filter((c) => showResolved() || !c.resolved);

  return (
    <section class="doc-side card stack" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      <Show when={!props.readOnly}>
        <button type="button" class="button button-small" onClick={start}>
          Comment on selection
        </button>
      </Show>
      <FormError message={error()} />
      <Show when={draft()}>
        {(anchors) => (
          <form
            class="stack"
            aria-label="New comment"
            onSubmit={(event) => {
              event.preventDefault();
              save();
            }}
          >
            <blockquote class="comment-quote">{anchors().quote}</blockquote>
            <label class="field">
              <span>Comment</span>
              <textarea
                rows={3}
                value={text()}
                onInput={(e) => setText(e.currentTarget.value)}
                required
              />
            </label>
            <div class="row">
              <button type="submit" class="button button-small button-primary">
                Add comment
              </button>
              <button type="button" class="button button-small" onClick={() => setDraft(null)}>
                Cancel
              </button>
            </div>
          </form>
        )}
      </Show>
      <label class="check">
        <input
          type="checkbox"
          checked={showResolved()}
          onChange={(e) => setShowResolved(e.currentTarget.checked)}
        />
        Show resolved
      </label>
      <ul class="item-list" aria-label="Comment threads">
        <For each={visible()} fallback={<li class="muted">No comments yet.</li>}>
          {(comment) => (
            <CommentThread
              comment={comment}
              active={props.active() === comment.id}
              readOnly={props.readOnly}
              onFocus={() => focus(comment)}
              onReply={(reply) =>
                replyToComment(props.doc, comment.id, { ...stamp(), text: reply })
              }
              onResolve={(resolved) => setResolved(props.doc, comment.id, resolved)}
            />
          )}
        </For>
      </ul>
    </section>
  );
}

function CommentThread(props: {
  comment: Comment;
  active: boolean;
  readOnly: boolean;
  onFocus: () => void;
  onReply: (text: string) => void;
  onResolve: (resolved: boolean) => void;
}) {
  const [reply, setReply] = createSignal('');
  return (
    <li
      class="item comment"
      classList={{ 'comment-active': props.active }}
      data-comment-id={props.comment.id}
    >
      <button type="button" class="link-button comment-quote" onClick={() => props.onFocus()}>
        “{props.comment.quote}”
      </button>
      <p>
        <strong>{props.comment.authorName}</strong>: {props.comment.text}
        <Show when={props.comment.resolved}>
          {' '}
          <span class="badge">Resolved</span>
        </Show>
      </p>
      <For each={props.comment.replies}>
        {(r) => (
          <p class="comment-reply">
            <strong>{r.authorName}</strong>: {r.text}
          </p>
        )}
      </For>
      <Show when={!props.readOnly}>
        <form
          class="row"
          aria-label={`Reply to ${props.comment.authorName}`}
          onSubmit={(event) => {
            event.preventDefault();
            if (reply().trim() === '') return;
            props.onReply(reply());
            setReply('');
          }}
        >
          <input
            class="input"
            aria-label="Reply"
            placeholder="Reply"
            value={reply()}
            onInput={(e) => setReply(e.currentTarget.value)}
          />
          <button type="submit" class="button button-small">
            Reply
          </button>
          <button
            type="button"
            class="button button-small"
            onClick={() => props.onResolve(!props.comment.resolved)}
          >
            {props.comment.resolved ? 'Reopen' : 'Resolve'}
          </button>
        </form>
      </Show>
    </li>
  );
}
