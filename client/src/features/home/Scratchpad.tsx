import { onCleanup, onMount } from 'solid-js';
import { useRoom } from '../../sync/registry-context.js';
import { bindTextarea } from '../../sync/bind-textarea.js';
import { fromYjs } from '../../sync/yjs-signal.js';

/** Room that holds the team scratchpad until the docs feature lands (created by setup). */
export const SCRATCHPAD_ROOM = 'scratchpad';

export function Scratchpad() {
  const handle = useRoom(SCRATCHPAD_ROOM);
  const text = handle.doc.getText('body');
  const value = fromYjs(text, () => text.toJSON());
  let textarea!: HTMLTextAreaElement;
  onMount(() => onCleanup(bindTextarea(textarea, text)));

  return (
    <section class="card stack" aria-labelledby="scratchpad-title">
      <h2 id="scratchpad-title">Team scratchpad</h2>
      <p class="muted">
        Shared with everyone in the workspace. Edits are kept on this device first and reach the
        relay when it can be reached.
      </p>
      <textarea
        ref={textarea}
        class="scratchpad"
        aria-label="Team scratchpad"
        aria-describedby="scratchpad-count"
        aria-busy={!handle.loaded()}
        data-loaded={handle.loaded() ? 'true' : 'false'}
        readOnly={handle.readOnly()}
        rows={12}
        placeholder="Notes, links, today's agenda…"
      />
      <p id="scratchpad-count" class="muted small">
        {value().length === 1 ? '1 character' : `${value().length} characters`}
      </p>
    </section>
  );
}
