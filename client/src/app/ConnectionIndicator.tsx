import { useWorkspaceSync } from '../workspace/workspace-sync-context.js';
import { StatusDot } from '../ui/StatusDot.js';
import { useConnectionSummary } from './use-connection-summary.js';

/**
 * Says how the open rooms stand with the relay, and what is not on the relay yet.
 * Compact: the second line shows only when there is something to say (it stays in the
 * live region for screen readers either way).
 */
export function ConnectionIndicator() {
  const connection = useConnectionSummary();
  const workspace = useWorkspaceSync();

  return (
    <div
      class="connection"
      classList={{ 'connection-quiet': !connection.noteworthy() }}
      role="status"
      aria-live="polite"
      title={`${connection.label()}. ${connection.detail()}`}
      data-status={connection.status()?.kind ?? 'idle'}
      data-pending={connection.loaded() ? connection.pending() : ''}
      data-rooms={workspace.progress().rooms}
      data-rooms-current={workspace.progress().roomsCurrent}
      data-saved-locally={connection.savedLocally() ? 'true' : 'false'}
    >
      <span class="connection-state">
        <StatusDot tone={connection.tone()} />
        <span class="connection-label">{connection.label()}</span>
      </span>
      <span class="connection-pending muted small">{connection.detail()}</span>
    </div>
  );
}
