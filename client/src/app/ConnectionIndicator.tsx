import { roomIdOf } from '../../../shared/protocol/room-id.js';
import { useWorkspaceSync } from '../workspace/workspace-sync-context.js';
import { aggregateStatus } from '../sync/connection-status.js';
import { useRegistry } from '../sync/registry-context.js';
import { pendingLabel, statusLabel, statusTone } from '../sync/status-text.js';
import { StatusDot } from '../ui/StatusDot.js';

/** Says how the open rooms stand with the relay, and what is not on the relay yet. */
export function ConnectionIndicator() {
  const registry = useRegistry();
  const status = () => aggregateStatus(registry.rooms().map((room) => room.status()));
  const workspace = useWorkspaceSync();
  const pending = () => registry.rooms().reduce((sum, room) => sum + room.pending(), 0);
  const pendingRooms = () =>
    new Set(
      registry
        .rooms()
        .filter((r) => r.pending() > 0)
        .map((r) => roomIdOf(r.room)),
    ).size;
  const loaded = () => registry.rooms().every((room) => room.loaded());
  const savedLocally = () => registry.rooms().every((room) => room.savedLocally());

  return (
    <div
      class="connection"
      role="status"
      aria-live="polite"
      data-status={status()?.kind ?? 'idle'}
      data-pending={loaded() ? pending() : ''}
      data-rooms={workspace.progress().rooms}
      data-rooms-current={workspace.progress().roomsCurrent}
      data-saved-locally={savedLocally() ? 'true' : 'false'}
    >
      <span class="connection-state">
        <StatusDot tone={statusTone(status())} />
        {statusLabel(status())}
      </span>
      <span class="connection-pending muted small">
        {loaded()
          ? pendingLabel(pending(), pendingRooms(), workspace.progress())
          : 'Loading data on this device…'}
      </span>
    </div>
  );
}
