import { A, useParams } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { useDirectory } from '../../workspace/workspace-context.js';
import { ChannelSidebar } from './ChannelSidebar.js';
import { ChannelView } from './ChannelView.js';
import { SearchPanel } from './SearchPanel.js';
import { EmptyState } from '../../ui/States.js';
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
    <div class="chat" classList={{ 'chat-open': params.channelId !== undefined }}>
      <ChannelSidebar onSearch={() => setSearching(true)} />
      <section class="chat-main" aria-label="Conversation">
        {/* Keyed by id: a refreshed directory (new room objects) must not reopen the
            conversation and lose its thread, scroll position or summary panel. */}
        <Show
          when={current()?.id}
          keyed
          fallback={
            <div class="stack chat-empty">
              <h1 class="visually-hidden">Chat</h1>
              <Show
                when={params.channelId}
                fallback={
                  <EmptyState title="Pick a conversation">
                    Choose a channel or a direct message on the left, or start a new one.
                  </EmptyState>
                }
              >
                <A href="/chat" class="chat-back" aria-label="Back to conversations">
                  <span aria-hidden="true">‹</span>
                </A>
                <EmptyState title="Conversation not found">
                  It does not exist, or you do not have access to it.
                </EmptyState>
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
