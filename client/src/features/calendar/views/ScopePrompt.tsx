import { Dialog } from '../../../ui/Dialog.js';
import type { Scope } from '../event/save-event.js';

/** Which occurrences a drag of a repeating event changes. */
export function ScopePrompt(props: { onChoose: (scope: Scope) => void; onClose: () => void }) {
  return (
    <Dialog
      title="Change a repeating event"
      onClose={() => props.onClose()}
      footer={
        <button type="button" class="button" onClick={() => props.onClose()}>
          Cancel
        </button>
      }
    >
      <p>Move only this event, this and the following ones, or all of them?</p>
      <div class="row cal-scope-choices">
        <button type="button" class="button button-primary" onClick={() => props.onChoose('this')}>
          This event
        </button>
        <button type="button" class="button" onClick={() => props.onChoose('following')}>
          This and following
        </button>
        <button type="button" class="button" onClick={() => props.onChoose('all')}>
          All events
        </button>
      </div>
    </Dialog>
  );
}
