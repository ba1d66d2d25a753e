import { Show } from 'solid-js';
import type { DirectoryRoom } from '../../../../shared/api/schemas.js';

/** A lock on private channels and a person mark on DMs, each with a name for screen readers. */
export function RoomMark(props: { room: DirectoryRoom }) {
  return (
    <Show
      when={props.room.kind === 'dm'}
      fallback={
        <Show when={props.room.workspaceWide === false}>
          <span class="chat-mark" role="img" aria-label="Private channel" title="Private channel">
            🔒
          </span>
        </Show>
      }
    >
      <span class="chat-mark" role="img" aria-label="Direct message" title="Direct message">
        @
      </span>
    </Show>
  );
}
