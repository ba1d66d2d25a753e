import { useParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { useDirectory } from '../../workspace/workspace-context.js';
import { ChannelSidebar } from './ChannelSidebar.js';
import { ChannelView } from './ChannelView.js';
import { SearchPanel } from './SearchPanel.js';
import './chat.css';

/**
 * /chat and /chat/:channelId. Channels and DMs are relay rooms of kind 'channel' and
 * 'dm'; only rooms in this person's directory are opened (anything else may not be read).
 */
export function ChatPage() {
  const params = useParams<{ channelId?: string }>();
  const [searching, setSearching] = createSignal(false);
  const directory = useDirectory();
  const current = () => {
    const room = params.channelId === undefined ? undefined : directory.byId(params.channelId);
    return room?.kind === 'channel' || room?.kind === 'dm' ? room : undefined;
  };

  return (
    <div class="chat">
      <ChannelSidebar onSearch={() => setSearching(true)} />
      <section class="chat-main" aria-label="Conversation">
        {/* Keyed by id: a refreshed directory (new room objects) must not reopen the
            conversation and lose its thread, scroll position or summary panel. */}
        <Show
          when={current()?.id}
          keyed
          fallback={
            <div class="stack chat-empty">
              <h1>Chat</h1>
              <Show
                when={params.channelId}
                fallback={
                  <p class="muted">Pick a channel or a direct message, or start a new one.</p>
                }
              >
                <p>This conversation does not exist, or you do not have access to it.</p>
              </Show>
            </div>
          }
        >
          {(id) => {
            const opened = directory.byId(id)!;
            return <ChannelView room={current() ?? opened} />;
          }}
        </Show>
      </section>
      <Show when={searching()}>
        <SearchPanel onClose={() => setSearching(false)} />
      </Show>
    </div>
  );
}
