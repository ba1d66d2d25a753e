import { createSignal, For } from 'solid-js';
import { useAction } from '../../ui/use-action.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError } from '../../ui/FormError.js';
import { usePeople } from '../../workspace/workspace-context.js';

/** Marks a message urgent for chosen members: their devices ring until they acknowledge. */
export function DingDialog(props: {
  members: string[];
  onSend: (recipients: string[]) => Promise<void>;
  onClose: () => void;
}) {
  const people = usePeople();
  const [chosen, setChosen] = createSignal<string[]>([]);
  const send = useAction(async () => {
    await props.onSend(chosen());
    props.onClose();
  });
  return (
    <Dialog title="Send as urgent (DING)" onClose={() => props.onClose()}>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          send.run();
        }}
      >
        <fieldset class="fieldset">
          <legend>Ring these people until they acknowledge</legend>
          <For
            each={props.members}
            fallback={<p class="muted small">No other members known (offline?).</p>}
          >
            {(id) => (
              <label class="check">
                <input
                  type="checkbox"
                  checked={chosen().includes(id)}
                  onChange={(e) => {
                    const on = e.currentTarget.checked;
                    setChosen((list) => (on ? [...list, id] : list.filter((x) => x !== id)));
                  }}
                />
                {people.nameOf(id)}
              </label>
            )}
          </For>
        </fieldset>
        <FormError message={send.error()} />
        <div class="row">
          <button type="submit" class="button button-primary" disabled={send.busy()}>
            Send urgent alert
          </button>
          <button type="button" class="button" onClick={() => props.onClose()}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
