import { createMemo, createSignal, mapArray, onCleanup, type Accessor } from 'solid-js';
import { useSession } from '../../auth/session-context.js';
import { useRoom } from '../../sync/registry-context.js';
import { yjsVersion } from '../../sync/yjs-signal.js';
import { CHAT_SUMMARY_KEY, readChatSummary } from '../../workspace/chat-summary.js';
import { listVersions } from '../../workspace/docs/history-model.js';
import { summaryTasks, TASK_SUMMARY_KEY } from '../../workspace/task-summary.js';
import { useDirectory } from '../../workspace/workspace-context.js';
import { useWorkspaceSync } from '../../workspace/workspace-sync-context.js';
import { viewerTimeZone } from '../../../../shared/model/time/zoned-time.js';
import {
  followedDocChanges,
  followedDocs,
  newestDocs,
  type LastChange,
} from './model/followed-docs.js';
import { recentActivity } from './model/recent-activity.js';
import { todayTasks } from './model/today-tasks.js';

/** The clock, once a minute: "today" and "5 minutes ago" move on while Home is open. */
export function useNow(): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 60_000);
  onCleanup(() => clearInterval(timer));
  return now;
}

/**
 * True while a card would be empty only because the device has not read its
 * summaries yet: before the stored ones load, or while some room of `ids` has none
 * and the background catch-up is still fetching.
 */
function useSummariesPending(ids: Accessor<readonly string[]>, key: string): Accessor<boolean> {
  const workspace = useWorkspaceSync();
  return createMemo(() => {
    if (!workspace.summaries.loaded()) return true;
    const progress = workspace.progress();
    if (progress.roomsCurrent >= progress.rooms) return false;
    workspace.summaries.changes();
    return ids().some((id) => workspace.summaries.peek(id, key) === undefined);
  });
}

/** My overdue and due-today tasks, from the projects' summaries (no project is opened). */
export function useTodayTasks(now: Accessor<number>) {
  const session = useSession();
  const workspace = useWorkspaceSync();
  const directory = useDirectory();
  const zone = viewerTimeZone();
  const projects = () => directory.ofKind('board');
  const tasks = createMemo(() => summaryTasks(workspace.summaries, projects()));
  const pending = useSummariesPending(() => projects().map((p) => p.id), TASK_SUMMARY_KEY);
  const value = createMemo(() => todayTasks(tasks(), session.me()?.user.id ?? '', now(), zone));
  return { value, pending };
}

/** Conversations with the newest messages, from the chat summaries (none is opened). */
export function useRecentActivity() {
  const workspace = useWorkspaceSync();
  const directory = useDirectory();
  const rooms = () => directory.ofKind('channel', 'dm');
  const pending = useSummariesPending(() => rooms().map((r) => r.id), CHAT_SUMMARY_KEY);
  // Once per batch of summary changes: a catch-up writes a summary per room.
  const value = createMemo(() => {
    workspace.summaries.changes();
    return recentActivity(rooms(), (id) =>
      readChatSummary(workspace.summaries.peek(id, CHAT_SUMMARY_KEY)),
    );
  });
  return { value, pending };
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/**
 * Starred docs and their newest version. Only starred docs' histories are opened
 * (the briefing opens the same ones, so they are shared); without any, the newest
 * docs from the directory.
 */
export function useFollowedDocs(now: Accessor<number>) {
  const session = useSession();
  const directory = useDirectory();
  const followed = createMemo(() => followedDocs(directory.ofKind('doc')));
  const ids = createMemo(() => followed().map((room) => room.id), [], { equals: sameIds });
  const histories = mapArray(ids, (docId) => {
    const history = useRoom(`${docId}:history`);
    const version = yjsVersion(history.doc);
    return createMemo((): { loaded: boolean; last: LastChange | null } => {
      version();
      const newest = listVersions(history.doc)[0];
      return {
        loaded: history.loaded(),
        last: newest
          ? { at: newest.at, authorId: newest.authorId, authorName: newest.authorName }
          : null,
      };
    });
  });
  const pending = () => histories().some((h) => !h().loaded);
  const value = createMemo(() => {
    const byId = new Map(ids().map((id, i) => [id, histories()[i]?.().last ?? null]));
    return followedDocChanges(
      followed().map((room) => ({ room, last: byId.get(room.id) ?? null })),
      session.me()?.user.id ?? '',
      now(),
    );
  });
  const fallback = createMemo(() => newestDocs(directory.ofKind('doc')));
  return { value, pending, fallback };
}
