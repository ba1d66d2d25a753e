import { Show } from 'solid-js';
import { useSession } from '../auth/session-context.js';
import { DailyBriefing } from '../features/ai/DailyBriefing.js';
import { FollowedDocsCard } from '../features/home/FollowedDocsCard.js';
import { RecentActivityCard } from '../features/home/RecentActivityCard.js';
import { Scratchpad, SCRATCHPAD_ROOM } from '../features/home/Scratchpad.js';
import { TodayTasksCard } from '../features/home/TodayTasksCard.js';
import { useNow } from '../features/home/use-home-data.js';
import { RoomsCard } from '../features/rooms/RoomsCard.js';
import { ApprovalsCard } from './HomeApprovalsCard.js';
import { MeetingsCard } from './HomeMeetingsCard.js';

/**
 * Home: the AI briefing, approvals waiting for me (only when some are), today's tasks, recent conversations, followed docs and the
 * room directory as a grid of cards, all read from what the device already holds
 * (summaries, the directory, starred docs' histories); the scratchpad folds away last.
 */
export function HomePage() {
  const session = useSession();
  const now = useNow();
  const firstName = () => session.me()?.user.name.split(/\s+/)[0] ?? '';
  return (
    <div class="page home stack">
      <header class="page-header">
        <h1>Home</h1>
        <p class="muted">
          {firstName() ? `Welcome back, ${firstName()}. ` : ''}Here is what is new in{' '}
          {session.me()?.workspace.name ?? 'your workspace'}.
        </p>
      </header>
      <div class="home-grid">
        <div class="home-wide">
          <DailyBriefing />
        </div>
        <MeetingsCard now={now} />
        <ApprovalsCard now={now} />
        <TodayTasksCard now={now} />
        <RecentActivityCard now={now} />
        <FollowedDocsCard now={now} />
        <div class="home-wide">
          <RoomsCard />
        </div>
        <Show when={session.levelOf(SCRATCHPAD_ROOM) !== null}>
          <Scratchpad />
        </Show>
      </div>
    </div>
  );
}
