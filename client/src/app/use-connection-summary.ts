import { createMemo } from 'solid-js';
import { roomIdOf } from '../../../shared/protocol/room-id.js';
import type { ConnectionStatus } from '../sync/connection-status.js';
import { aggregateStatus } from '../sync/connection-status.js';
import { useRegistry } from '../sync/registry-context.js';
import { pendingLabel, statusLabel, statusTone, type StatusTone } from '../sync/status-text.js';
import { useWorkspaceSync } from '../workspace/workspace-sync-context.js';

export interface ConnectionSummary {
  status: () => ConnectionStatus | null;
  label: () => string;
  tone: () => StatusTone;
  /** Changes not yet on the relay (0 until every room's local copy is loaded). */
  pending: () => number;
  loaded: () => boolean;
  savedLocally: () => boolean;
  /** What is not yet on the relay or not yet on this device, in words. */
  detail: () => string;
  /** True when there is something the person should know beyond "connected, all saved". */
  noteworthy: () => boolean;
}

/**
 * How the open rooms stand with the relay, read by the indicator and the account menu.
 * Each figure is a memo: the indicator reads them in several places, and with many
 * parts open (a catch-up, a big page) each plain read walked every open room again.
 */
export function useConnectionSummary(): ConnectionSummary {
  const registry = useRegistry();
  const workspace = useWorkspaceSync();
  const status = createMemo(() => aggregateStatus(registry.rooms().map((room) => room.status())));
  const pending = createMemo(() => registry.rooms().reduce((sum, room) => sum + room.pending(), 0));
  const pendingRooms = createMemo(
    () =>
      new Set(
        registry
          .rooms()
          .filter((r) => r.pending() > 0)
          .map((r) => roomIdOf(r.room)),
      ).size,
  );
  const loaded = createMemo(() => registry.rooms().every((room) => room.loaded()));
  const savedLocally = createMemo(() => registry.rooms().every((room) => room.savedLocally()));
  const progress = () => workspace.progress();
  return {
    status,
    label: () => statusLabel(status()),
    tone: () => statusTone(status()),
    pending,
    loaded,
    savedLocally,
    detail: () =>
      loaded()
        ? pendingLabel(pending(), pendingRooms(), progress())
        : 'Loading data on this device…',
    noteworthy: () =>
      statusTone(status()) !== 'ok' ||
      !loaded() ||
      pending() > 0 ||
      progress().roomsCurrent < progress().rooms,
  };
}
