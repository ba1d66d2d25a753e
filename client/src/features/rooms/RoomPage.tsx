import { A, useParams } from '@solidjs/router';
import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { useRoom } from '../../sync/registry-context.js';
import { bindTextarea } from '../../sync/bind-textarea.js';
import { kindLabels } from '../../workspace/rooms/kind-labels.js';
import { ShareDialog } from '../../workspace/rooms/ShareDialog.js';
import { useDirectory } from '../../workspace/workspace-context.js';

/**
 * /rooms/:id — a generic shared text for any room until its kind's own view lands.
 * Only rooms in the directory are opened: anything else may not be read.
 */
export function RoomPage() {
  const params = useParams<{ id: string }>();
  const directory = useDirectory();
  const listed = () => directory.byId(params.id) !== undefined;

  return (
    <div class="page page-readable stack">
      <Show when={listed() ? params.id : null} keyed fallback={<RoomUnavailable />}>
        {(id) => <RoomView id={id} />}
      </Show>
    </div>
  );
}

function RoomUnavailable() {
  return (
    <>
      <h1>Room not available</h1>
      <p>
        This room does not exist, or you do not have access to it. <A href="/">Go to Home</A>.
      </p>
    </>
  );
}

function RoomView(props: { id: string }) {
  const handle = useRoom(props.id);
  const directory = useDirectory();
  const room = () => directory.byId(props.id);
  const text = handle.doc.getText('body');
  const [sharing, setSharing] = createSignal(false);
  let textarea!: HTMLTextAreaElement;
  onMount(() => onCleanup(bindTextarea(textarea, text)));

  return (
    <>
      <header class="page-header">
        <h1>{room()?.title}</h1>
        <div class="row">
          <span class="badge">{kindLabels[room()?.kind ?? 'doc']}</span>
          <span class="badge">{handle.readOnly() ? 'Read only' : 'Can edit'}</span>
          <Show when={room()?.canManage}>
            <button type="button" class="button button-small" onClick={() => setSharing(true)}>
              Share
            </button>
          </Show>
        </div>
      </header>
      <Show when={handle.readOnly()}>
        <p class="notice" id="room-readonly">
          You can read this room but not change it.
        </p>
      </Show>
      <textarea
        ref={textarea}
        class="scratchpad"
        aria-label={room()?.title ?? 'Room text'}
        aria-describedby={handle.readOnly() ? 'room-readonly' : undefined}
        aria-busy={!handle.loaded()}
        data-loaded={handle.loaded() ? 'true' : 'false'}
        readOnly={handle.readOnly()}
        rows={16}
      />
      <Show when={sharing() ? room() : undefined}>
        {(current) => <ShareDialog room={current()} onClose={() => setSharing(false)} />}
      </Show>
    </>
  );
}
