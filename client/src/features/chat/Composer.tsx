import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { uploadFile } from '../../lib/upload-file.js';
import { MAX_MESSAGE_LENGTH, mentionCandidates } from '../../workspace/chat/index.js';
import { usePeople } from '../../workspace/workspace-context.js';

interface Candidate {
  id: string;
  name: string;
}

/** The `@word` right before the caret, if the caret is in one. */
function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|[\s(])@([^\s@]{0,30})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - (match[2]?.length ?? 0) - 1, query: match[2] ?? '' };
}

/**
 * Message input: Enter sends, Shift+Enter adds a line, Markdown-style formatting.
 * Typing @ opens a people picker (arrow keys, Enter or Tab to pick, Escape to close);
 * @channel notifies everyone.
 */
export function Composer(props: {
  label: string;
  onSend: (text: string) => void;
  /** The room whose file store takes attachments; without it, no Attach button. */
  roomId?: string;
}) {
  const people = usePeople();
  const id = createUniqueId();
  const [text, setText] = createSignal('');
  const [query, setQuery] = createSignal<{ start: number; query: string } | null>(null);
  const [active, setActive] = createSignal(0);
  const [attachError, setAttachError] = createSignal<string | null>(null);
  const [attaching, setAttaching] = createSignal(false);
  let input!: HTMLTextAreaElement;
  /** Uploads, then puts a link to the file where the caret is; sending stays manual. */
  const attach = async (file: File, roomId: string) => {
    setAttaching(true);
    setAttachError(null);
    try {
      const stored = await uploadFile(roomId, file);
      const label = stored.name.replace(/[[\]]/g, '');
      const link = `[📎 ${label}](${stored.url})`;
      const at = input.selectionStart;
      const before = input.value.slice(0, at);
      const spacer = before === '' || before.endsWith(' ') || before.endsWith('\n') ? '' : ' ';
      input.value = `${before}${spacer}${link} ${input.value.slice(at)}`;
      setText(input.value);
      input.focus();
    } catch (error) {
      setAttachError(error instanceof Error ? error.message : String(error));
    } finally {
      setAttaching(false);
    }
  };

  const candidates = (): Candidate[] => {
    const q = query();
    if (q === null) return [];
    const named = mentionCandidates(people.active(), q.query, 7);
    const channel = 'channel'.startsWith(q.query.toLowerCase())
      ? [{ id: '@channel', name: 'channel' }]
      : [];
    return [...named, ...channel];
  };
  const [pasteError, setPasteError] = createSignal<string | null>(null);
  // The textarea's maxLength would cut a long paste without a word: refuse it whole
  // and say why, so nothing is sent half.
  const onPaste = (event: ClipboardEvent) => {
    const pasted = event.clipboardData?.getData('text/plain') ?? '';
    const kept = input.value.length - (input.selectionEnd - input.selectionStart);
    if (kept + pasted.length <= MAX_MESSAGE_LENGTH) return;
    event.preventDefault();
    setPasteError(
      `Nothing was pasted: that text is ${pasted.length.toLocaleString('en')} characters, and a ` +
        `message holds at most ${MAX_MESSAGE_LENGTH.toLocaleString('en')}. Put it in a doc and ` +
        `share the link, or send it in parts.`,
    );
  };
  const update = () => {
    setPasteError(null);
    setText(input.value);
    setQuery(mentionQuery(input.value, input.selectionStart));
    setActive(0);
  };
  const pick = (candidate: Candidate) => {
    const q = query();
    if (q === null) return;
    const before = input.value.slice(0, q.start);
    const after = input.value.slice(input.selectionStart);
    const inserted = `@${candidate.name} `;
    input.value = before + inserted + after;
    const caret = before.length + inserted.length;
    input.setSelectionRange(caret, caret);
    setText(input.value);
    setQuery(null);
  };
  const send = () => {
    if (text().trim() === '') return;
    props.onSend(text());
    input.value = '';
    setText('');
    setQuery(null);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const list = candidates();
    if (list.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (i + step + list.length) % list.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const chosen = list[active()];
        if (chosen) pick(chosen);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form
      class="chat-composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label for={id} class="visually-hidden">
        {props.label}
      </label>
      <textarea
        id={id}
        ref={input}
        class="input chat-input"
        dir="auto"
        rows={2}
        maxLength={10_000}
        placeholder={`${props.label} (Markdown, @ to mention)`}
        aria-autocomplete="list"
        aria-controls={candidates().length > 0 ? `${id}-people` : undefined}
        aria-activedescendant={candidates().length > 0 ? `${id}-opt-${active()}` : undefined}
        onInput={update}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
      />
      <Show when={candidates().length > 0}>
        <ul
          id={`${id}-people`}
          class="chat-picker card"
          role="listbox"
          aria-label="People to mention"
        >
          <For each={candidates()}>
            {(candidate, index) => (
              <li
                id={`${id}-opt-${index()}`}
                role="option"
                aria-selected={index() === active()}
                class="chat-picker-option"
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(candidate);
                }}
              >
                @{candidate.name}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.roomId}>
        {(roomId) => (
          <label class="button">
            {attaching() ? 'Uploading…' : 'Attach'}
            <input
              type="file"
              class="visually-hidden"
              aria-label="Attach a file (PNG, JPEG, GIF, WebP or PDF)"
              accept="image/png,image/jpeg,image/gif,image/webp,application/pdf"
              disabled={attaching()}
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                event.currentTarget.value = '';
                if (file) void attach(file, roomId());
              }}
            />
          </label>
        )}
      </Show>
      <button type="submit" class="button button-primary" disabled={text().trim() === ''}>
        Send
      </button>
      <Show when={pasteError()}>
        {(message) => (
          <p class="form-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <Show when={attachError()}>
        {(message) => (
          <p class="form-error" role="alert">
            {message()}
          </p>
        )}
      </Show>
    </form>
  );
}
