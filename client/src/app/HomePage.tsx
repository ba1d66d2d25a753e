import { Show } from 'solid-js';
import { useSession } from '../auth/session-context.js';
import { DailyBriefing } from '../features/ai/DailyBriefing.js';
import { RoomsCard } from '../features/rooms/RoomsCard.js';
import { Scratchpad, SCRATCHPAD_ROOM } from '../features/home/Scratchpad.js';

/** Home composes three features: the AI briefing, the scratchpad and the room directory. */
export function HomePage() {
  const session = useSession();
  return (
    <div class="page stack">
      <header class="page-header">
        <h1>Home</h1>
        <p class="muted">Your workspace, on this device and in sync with your team.</p>
      </header>
      <DailyBriefing />
      <Show when={session.levelOf(SCRATCHPAD_ROOM) !== null}>
        <Scratchpad />
      </Show>
      <RoomsCard />
    </div>
  );
}
