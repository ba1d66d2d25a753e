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
            <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
              <path
                fill="currentColor"
                d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1Zm2 0h4V5a2 2 0 1 0-4 0v2Z"
              />
            </svg>
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
