import { useSearchParams } from '@solidjs/router';
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  on,
  onCleanup,
  Show,
} from 'solid-js';
import type { DirectoryRoom } from '../../../../shared/api/schemas.js';
import { useApi } from '../../auth/session-context.js';
import { FormError } from '../../ui/FormError.js';
import { useSlots } from '../../workspace/slots.js';
import { usePeople } from '../../workspace/workspace-context.js';
import { CatchUpPanel } from './CatchUpPanel.js';
import { channelActions } from './channel-actions.js';
import { useChat } from './chat-context.js';
import { Composer } from './Composer.js';
import { DingDialog } from './DingDialog.js';
import { membersOf } from './members.js';
import { MessageList } from './MessageList.js';
import { unreadSummary } from '../../workspace/chat/index.js';
import { ReceiptDialog } from './ReceiptDialog.js';
import { ThreadPanel } from './ThreadPanel.js';
import { ChannelHeader } from './ChannelHeader.js';
import { UndoToast } from './UndoToast.js';
import { useDeferredDelete } from './use-deferred-delete.js';
import { useChannel, type ChannelMessage } from './use-channel.js';
import { RetentionSetting } from './RetentionSetting.js';
import { useRetention } from './use-retention.js';

export function ChannelView(props: { room: DirectoryRoom }) {
  const chat = useChat();
  const people = usePeople();
  const api = useApi();
  void people.refresh();
  const retention = useRetention(props.room.id);
  const channel = useChannel(props.room.id, chat, retention.days);
  const actions = channelActions(channel, chat, people);
  const [error, setError] = createSignal<string | null>(null);
  const [thread, setThread] = createSignal<string | null>(null);
  const [receiptOf, setReceiptOf] = createSignal<ChannelMessage | null>(null);
  const [dingOf, setDingOf] = createSignal<ChannelMessage | null>(null);
  const [taskFrom, setTaskFrom] = createSignal<ChannelMessage | null>(null);
  const readOnly = () => props.room.level === 'read' || channel.meta.readOnly();
  const slots = useSlots();
  const { CreateTaskDialog } = slots;
  /** "Catch me up" on the channel, or on one thread (its parent's id). */
  const [catchUp, setCatchUp] = createSignal<{ thread: string | null } | null>(null);
  const [focus, setFocus] = createSignal<{ id: string; seq: number } | null>(null);
  const [params] = useSearchParams<{ message?: string }>();

  // Members from the access rule when online; offline, the last answer kept on the device.
  const membersKey = `chat.members.${props.room.id}`;
  const [members] = createResource(
    () => people.all(),
    async (everyone): Promise<string[] | null> => {
      try {
        const access = await api.roomAccess(props.room.id);
        const list = membersOf(everyone, { ownerId: props.room.ownerId, access });
        localStorage.setItem(membersKey, JSON.stringify(list));
        return list;
      } catch {
        const cached: unknown = JSON.parse(localStorage.getItem(membersKey) ?? 'null');
        return Array.isArray(cached)
          ? cached.filter((id): id is string => typeof id === 'string')
          : null;
      }
    },
  );

  // The divider sits where unread messages began when the channel was opened.
  const [dividerPointer, setDividerPointer] = createSignal<string | undefined | null>(null);
  createEffect(() => {
    if (dividerPointer() === null && channel.meta.loaded()) {
      setDividerPointer(channel.pointers().get(chat.me() ?? ''));
    }
  });
  const firstUnreadId = createMemo(() => {
    const pointer = dividerPointer();
    return pointer === null
      ? null
      : unreadSummary(channel.timeline(), pointer, chat.me() ?? '').firstUnreadId;
  });

  // Reading: while the channel is on screen, the pointer follows the newest message.
  const [visible, setVisible] = createSignal(document.visibilityState === 'visible');
  const onVisibility = () => setVisible(document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', onVisibility);
  onCleanup(() => document.removeEventListener('visibilitychange', onVisibility));
  createEffect(() => {
    const newest = [...channel.timeline(), ...[...channel.replies().values()].flat()].reduce<
      string | null
    >((max, m) => (max === null || m.key > max ? m.key : max), null);
    if (visible() && newest !== null && channel.meta.loaded() && !readOnly())
      actions.markRead(newest);
  });

  const run = (action: () => void) => {
    try {
      setError(null);
      action();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'That did not work.');
    }
  };
  const parent = () => channel.timeline().find((m) => m.id === thread()) ?? null;
  const deletes = useDeferredDelete((message) => run(() => actions.remove(message)));
  /** Posts, then tells the people it mentions (best effort: offline, no notification) [CHAT9]. */
  const send = (text: string, inThread: ChannelMessage | null = null) =>
    run(() => {
      const posted = actions.post(text, inThread);
      const mentioned = posted.users.filter((id) => id !== chat.me());
      if (mentioned.length === 0) return;
      api
        .notify(props.room.id, {
          kind: 'mention',
          userIds: mentioned,
          excerpt: text.slice(0, 280),
          anchor: posted.id, // the inbox opens this message [CHAT12]
        })
        .catch(() => undefined);
    });

  /** Shows a message: scrolls the timeline to it, or opens its thread and highlights it. */
  const openMessage = (id: string) => {
    const seq = (focus()?.seq ?? 0) + 1;
    const reply = [...channel.replies().values()].flat().find((m) => m.id === id);
    if (reply?.parentId) setThread(reply.parentId);
    setFocus({ id, seq });
  };
  // A link with ?message= (a task's source, a summary opened in a new tab).
  createEffect(
    on(
      () => [params.message, channel.loaded()] as const,
      ([id, loaded]) => {
        if (id && loaded) openMessage(id);
      },
    ),
  );
  const readPointerAtOpen = () => dividerPointer() ?? null;

  return (
    <div class="chat-channel" classList={{ 'chat-has-thread': parent() !== null }}>
      <ChannelHeader
        room={props.room}
        topic={channel.topic()}
        readOnly={readOnly()}
        memberCount={members()?.length ?? null}
        retentionDays={retention.days()}
        onSaveTopic={(topic) => run(() => actions.setTopic(topic))}
        retention={
          <RetentionSetting
            days={retention.days()}
            canManage={props.room.canManage}
            onSave={(days) => {
              setError(null);
              retention.save(days).catch((failure: unknown) => {
                setError(failure instanceof Error ? failure.message : 'That did not work.');
              });
            }}
          />
        }
        actions={
          <Show when={slots.summaryEnabled('catchUp')}>
            <button
              type="button"
              class="button button-small"
              onClick={() => setCatchUp({ thread: null })}
            >
              Catch me up
            </button>
          </Show>
        }
      />
      <FormError message={error()} />
      <Show when={catchUp()} keyed>
        {(target) => (
          <CatchUpPanel
            roomId={props.room.id}
            title={props.room.title}
            thread={target.thread !== null}
            timeline={() =>
              target.thread === null
                ? channel.timeline()
                : channel.timeline().filter((m) => m.id === target.thread)
            }
            replies={() =>
              target.thread === null
                ? channel.replies()
                : new Map([[target.thread, channel.replies().get(target.thread) ?? []]])
            }
            readPointer={readPointerAtOpen}
            onOpenMessage={openMessage}
            onClose={() => setCatchUp(null)}
          />
        )}
      </Show>
      <div class="chat-body">
        <div class="chat-timeline">
          <MessageList
            messages={channel.timeline()}
            replies={channel.replies()}
            firstUnreadId={firstUnreadId()}
            hasOlder={channel.hasOlder()}
            onLoadOlder={channel.loadOlder}
            loaded={channel.loaded()}
            focus={focus()}
            context={{
              roomId: props.room.id,
              remove: (message) => deletes.remove(message),
              deleting: deletes.ids(),
              actions,
              run,
              pointers: channel.pointers(),
              members: members() ?? null,
              dings: channel.dings(),
              readOnly: readOnly(),
              openThread: setThread,
              openReceipt: setReceiptOf,
              openDing: setDingOf,
              createTask: setTaskFrom,
            }}
          />
          <Show
            when={!readOnly()}
            fallback={<p class="notice">You can read this conversation but not write to it.</p>}
          >
            <Composer
              label={`Message ${props.room.title}`}
              roomId={props.room.id}
              onSend={(text) => send(text)}
            />
          </Show>
        </div>
        <Show when={parent()} keyed>
          {(message) => (
            <ThreadPanel
              parent={message}
              replies={channel.replies().get(message.id) ?? []}
              readOnly={readOnly()}
              onReply={(text) => send(text, message)}
              onClose={() => setThread(null)}
              onCatchUp={
                slots.summaryEnabled('catchUp')
                  ? () => setCatchUp({ thread: message.id })
                  : undefined
              }
              focusId={focus()?.id ?? null}
            />
          )}
        </Show>
      </div>
      <Show when={deletes.latest()} keyed>
        {(message) => (
          <UndoToast
            onUndo={() => deletes.undo(message.id)}
            onDismiss={() => deletes.confirm(message.id)}
          />
        )}
      </Show>
      <Show when={receiptOf()} keyed>
        {(message) => (
          <ReceiptDialog
            message={message}
            pointers={channel.pointers()}
            members={members() ?? []}
            onClose={() => setReceiptOf(null)}
          />
        )}
      </Show>
      <Show when={taskFrom()} keyed>
        {(message) => (
          <CreateTaskDialog
            source={{ kind: 'chat', room: props.room.id, messageId: message.id }}
            text={message.text}
            onClose={() => setTaskFrom(null)}
          />
        )}
      </Show>
      <Show when={dingOf()} keyed>
        {(message) => (
          <DingDialog
            members={(members() ?? []).filter((id) => id !== chat.me())}
            onSend={async (recipients) => {
              // The relay enforces the per-sender limit and signs a permit recipients check.
              const { permit } = await api.ding(props.room.id, {
                messageId: message.id,
                recipients,
              });
              actions.ding(message, recipients, permit);
            }}
            onClose={() => setDingOf(null)}
          />
        )}
      </Show>
    </div>
  );
}
