import { Show } from 'solid-js';
import { useSession } from '../../auth/session-context.js';
import { DailyBriefing } from '../ai/DailyBriefing.js';
import { RoomsCard } from '../rooms/RoomsCard.js';
import { Scratchpad, SCRATCHPAD_ROOM } from './Scratchpad.js';

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
