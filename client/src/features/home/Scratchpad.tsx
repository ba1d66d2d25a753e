import { createSignal, onCleanup, onMount } from 'solid-js';
import { useRoom } from '../../sync/registry-context.js';
import { bindTextarea } from '../../sync/bind-textarea.js';
import { fromYjs } from '../../sync/yjs-signal.js';
import './home.css';

/** Room that holds the team scratchpad until the docs feature lands (created by setup). */
export const SCRATCHPAD_ROOM = 'scratchpad';

/** Whether the card is folded is a per-device preference, not the person's data. */
const FOLDED_KEY = 'ws:home:scratchpad-folded';

/** The team scratchpad: a small card at the end of Home that folds away ([HOME4]). */
export function Scratchpad() {
  const handle = useRoom(SCRATCHPAD_ROOM);
  const text = handle.doc.getText('body');
  const value = fromYjs(text, () => text.toJSON());
  const [open, setOpen] = createSignal(localStorage.getItem(FOLDED_KEY) !== 'true');
  let textarea!: HTMLTextAreaElement;
  onMount(() => onCleanup(bindTextarea(textarea, text)));
  const toggled = (event: Event) => {
    const isOpen = (event.currentTarget as HTMLDetailsElement).open;
    setOpen(isOpen);
    if (isOpen) localStorage.removeItem(FOLDED_KEY);
    else localStorage.setItem(FOLDED_KEY, 'true');
  };

  return (
    <details class="card home-card home-scratchpad" open={open()} onToggle={toggled}>
      <summary>
        <h2 id="scratchpad-title">Team scratchpad</h2>
        <span class="muted small">
          {value().length === 0 ? 'Empty' : `${value().length} characters`}
        </span>
      </summary>
      <textarea
        ref={textarea}
        class="scratchpad"
        aria-label="Team scratchpad"
        aria-describedby="scratchpad-count"
        aria-busy={!handle.loaded()}
        data-loaded={handle.loaded() ? 'true' : 'false'}
        readOnly={handle.readOnly()}
        rows={5}
        placeholder="Notes, links, today's agenda… shared with everyone in the workspace."
      />
      <p id="scratchpad-count" class="muted small">
        {value().length === 1 ? '1 character' : `${value().length} characters`} · kept on this
        device first, sent to the relay when it can be reached.
      </p>
    </details>
  );
}
