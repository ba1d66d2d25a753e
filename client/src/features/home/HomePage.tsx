import { Scratchpad } from './Scratchpad.js';

export function HomePage() {
  return (
    <div class="page stack">
      <header class="page-header">
        <h1>Home</h1>
        <p class="muted">Your workspace, on this device and in sync with your team.</p>
      </header>
      <Scratchpad />
    </div>
  );
}
