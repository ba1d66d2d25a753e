import { createMemo } from 'solid-js';
import { useInbox } from '../features/notifications/notifications-context.js';
import { useApprovals } from '../workspace/approvals/approvals-context.js';
import { CHAT_SUMMARY_KEY, readChatSummary } from '../workspace/chat-summary.js';
import { useDirectory } from '../workspace/workspace-context.js';
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
 * may still read; notifications from the relay's inbox. The sum runs once per batch of
 * summary changes (RoomSummaries.changes), not once per room that changed.
 */
export function useNavCounts(): NavCounts {
  const directory = useDirectory();
  const workspace = useWorkspaceSync();
  const inbox = useInbox();
  const approvals = useApprovals();
  const chat = createMemo(() => {
    workspace.summaries.changes();
    let sum = 0;
    for (const room of directory.ofKind('channel', 'dm')) {
      sum += readChatSummary(workspace.summaries.peek(room.id, CHAT_SUMMARY_KEY))?.unread ?? 0;
    }
    return sum;
  });
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
