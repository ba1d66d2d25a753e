import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import type { DirectoryRoom } from '../../../../shared/api/schemas.js';
import { useSession } from '../../auth/session-context.js';
import { kindLabels } from '../../workspace/rooms/kind-labels.js';
import { NewRoomForm } from '../../workspace/rooms/NewRoomForm.js';
import { roomPath } from '../../workspace/rooms/room-path.js';
import { levelLabels } from '../../workspace/rooms/room-access.js';
import { ShareDialog } from '../../workspace/rooms/ShareDialog.js';
import { useDirectory } from '../../workspace/workspace-context.js';

/** Home shows this many rooms until asked for all: a workspace may have thousands. */
const FIRST_ROOMS = 8;

/** The rooms this person may open (the directory), with New room and Share. */
export function RoomsCard() {
  const session = useSession();
  const [creating, setCreating] = createSignal(false);
  const [sharing, setSharing] = createSignal<DirectoryRoom | null>(null);
  const directory = useDirectory();
  const rooms = () => directory.ofKind('board', 'channel', 'doc', 'dm');
  const [showAll, setShowAll] = createSignal(false);
  const shown = () => (showAll() ? rooms() : rooms().slice(0, FIRST_ROOMS));
  const mayCreate = () => session.me()?.user.role !== 'guest';

  return (
    <section class="card stack" aria-labelledby="rooms-title">
      <div class="row row-between">
        <h2 id="rooms-title">Rooms</h2>
        <Show when={mayCreate() && !creating()}>
          <button type="button" class="button" onClick={() => setCreating(true)}>
            New room
          </button>
        </Show>
      </div>
      <Show when={creating()}>
        <NewRoomForm onCancel={() => setCreating(false)} />
      </Show>
      <Show
        when={rooms().length > 0}
        fallback={<p class="muted">No rooms yet. Rooms shared with you appear here.</p>}
      >
        <ul class="item-list" aria-label="Rooms">
          <For each={shown()}>
            {(room) => (
              <li class="item">
                <div class="row row-between">
                  <A href={roomPath(room)} class="item-title">
                    {room.title}
                  </A>
                  <Show when={room.canManage}>
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={`Share ${room.title}`}
                      onClick={() => setSharing(room)}
                    >
                      Share
                    </button>
                  </Show>
                </div>
                <p class="muted small">
                  {kindLabels[room.kind]} ·{' '}
                  {room.level === 'read' ? 'Read only' : levelLabels.write}
                </p>
              </li>
            )}
          </For>
        </ul>
        <Show when={rooms().length > FIRST_ROOMS}>
          <button
            type="button"
            class="button button-small"
            aria-expanded={showAll()}
            onClick={() => setShowAll(!showAll())}
          >
            {showAll() ? 'Show fewer' : `Show all ${rooms().length.toLocaleString()} rooms`}
          </button>
        </Show>
      </Show>
      <Show when={sharing()}>
        {(room) => <ShareDialog room={room()} onClose={() => setSharing(null)} />}
      </Show>
    </section>
  );
}
