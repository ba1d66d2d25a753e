import { For } from 'solid-js';
import { Dialog } from '../../ui/Dialog.js';
import { receiptOf } from '../../workspace/chat/index.js';
import { usePeople } from '../../workspace/workspace-context.js';
import type { ChannelMessage } from './use-channel.js';

/** Who has and who has not read a message (from read pointers and membership). */
export function ReceiptDialog(props: {
  message: ChannelMessage;
  pointers: Map<string, string>;
  members: string[];
  onClose: () => void;
}) {
  const people = usePeople();
  const receipt = () => receiptOf(props.message, props.pointers, props.members);
  return (
    <Dialog title="Read receipts" onClose={() => props.onClose()}>
      <h3>Read ({receipt().read.length})</h3>
      <ul class="plain-list" aria-label="Have read">
        <For each={receipt().read} fallback={<li class="muted">No one yet</li>}>
          {(id) => <li>{people.nameOf(id)}</li>}
        </For>
      </ul>
      <h3>Not read yet ({receipt().unread.length})</h3>
      <ul class="plain-list" aria-label="Have not read">
        <For each={receipt().unread} fallback={<li class="muted">Everyone has read it</li>}>
          {(id) => <li>{people.nameOf(id)}</li>}
        </For>
      </ul>
      <button type="button" class="button" onClick={() => props.onClose()}>
        Close
      </button>
    </Dialog>
  );
}
