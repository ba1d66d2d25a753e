import { createMemo } from 'solid-js';
import { useSession } from '../auth/session-context.js';
import { useInbox } from '../features/notifications/notifications-context.js';
import { useApprovals } from '../workspace/approvals/approvals-context.js';
import { CHAT_SUMMARY_KEY, readChatSummary } from '../workspace/chat-summary.js';
import { useWorkspaceSync } from '../workspace/workspace-sync-context.js';

export interface NavCounts {
  chat: () => number;
  notifications: () => number;
  /** Approval requests waiting for my decision. */
  approvals: () => number;
  /** The count shown beside a nav item, by its href (0 shows nothing). */
  of: (href: string) => number;
}

/**
 * Unread counts for the main nav: chat from the per-room summaries on this device (the
 * same the channel list reads, so nothing is opened), counting only rooms this person
 * may still read; notifications from the relay's inbox.
 */
export function useNavCounts(): NavCounts {
  const session = useSession();
  const workspace = useWorkspaceSync();
  const inbox = useInbox();
  const approvals = useApprovals();
  const chat = createMemo(() =>
    session
      .directory()
      .filter((room) => room.kind === 'channel' || room.kind === 'dm')
      .reduce((sum, room) => {
        const summary = readChatSummary(workspace.summaries.read(room.id, CHAT_SUMMARY_KEY));
        return sum + (summary?.unread ?? 0);
      }, 0),
  );
  const notifications = () => inbox.unread();
  return {
    chat,
    notifications,
    approvals: approvals.toApprove,
    of: (href) =>
      href === '/chat'
        ? chat()
        : href === '/notifications'
          ? notifications()
          : href === '/approvals'
            ? approvals.toApprove()
            : 0,
  };
}
