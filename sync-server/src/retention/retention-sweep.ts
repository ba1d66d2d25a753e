import {
  bucketStart,
  expireBucket,
  expireMeta,
  retentionCutoff,
} from '../../../shared/retention/retention.js';
import type { IdentityStore } from '../auth/identity/identity-store.js';
import type { Bus } from '../bus/bus.js';
import type { Clock } from '../clock.js';
import type { BlobStore } from '../files/blob-store.js';
import type { Logger } from '../logger.js';
import type { Persistence } from '../persistence/persistence.js';
import { RELAY_ORIGIN, type Relay } from '../rooms/relay.js';

/** Longer than a sweep of a large workspace; a relay that dies holding it frees it then. */
const SWEEP_LEASE_MS = 10 * 60_000;

/** What one sweep removed. */
export interface SweepReport {
  /** False when another relay held the sweep lease, so this one did nothing. */
  ran: boolean;
  /** Parts (month buckets, meta docs) the relay changed. */
  parts: number;
  /** File rows removed, and blobs whose bytes were deleted. */
  files: number;
  blobs: number;
  /** Every change is in the snapshots and the store's files hold none of the old bytes. */
  clean: boolean;
}

/**
 * Enforces retention on the relay [RETAIN3]-[RETAIN5]: for each room with a
 * policy, every month part that began before the cutoff and its meta doc are
 * rewritten by the relay (Relay.rewrite: a normal update that devices receive, then
 * a compaction that drops the deleted content), the room's files and mention
 * notifications from before the cutoff are removed, and at the end the store is
 * scrubbed. Runs at start, every `intervalMs`, and for one room right after its
 * policy changed; with several relays, one at a time under a lease [SCALE6].
 *
 * Expired months are emptied, not dropped from the store: their tombstones (a few
 * bytes per writer) are what makes a device that was offline, and sends its old
 * copy of the month, unable to bring the messages back (Yjs ignores items the
 * store already counts as seen). Their names leave the meta doc, so devices stop
 * opening them.
 */
export class RetentionSweeper {
  private stopTimer: (() => void) | null = null;
  /** Sweeps of this relay run one after another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      store: IdentityStore;
      persistence: Persistence;
      relay: Relay;
      blobs: BlobStore;
      bus: Bus;
      clock: Clock;
      log: Logger;
      /** Time between sweeps; 0: only at start and after policy changes. */
      intervalMs: number;
    },
  ) {}

  start(): void {
    const tick = () => {
      void this.sweep().finally(() => {
        if (this.deps.intervalMs > 0 && this.stopTimer)
          this.stopTimer = this.deps.clock.setTimeout(tick, this.deps.intervalMs);
      });
    };
    this.stopTimer = this.deps.clock.setTimeout(tick, 0);
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = null;
  }

  /** Sweeps every room with a policy, after any sweep of this relay still under way. */
  sweep(): Promise<SweepReport> {
    return this.enqueue(null);
  }

  /** Sweeps one room (after its policy changed); failures are logged, never thrown. */
  sweepRoomSoon(roomId: string): void {
    void this.enqueue(roomId);
  }

  private enqueue(only: string | null): Promise<SweepReport> {
    const next = this.queue.then(() => this.sweepUnderLease(only));
    this.queue = next.catch(() => {});
    return next;
  }

  private async sweepUnderLease(only: string | null): Promise<SweepReport> {
    const report: SweepReport = { ran: false, parts: 0, files: 0, blobs: 0, clean: true };
    const lease = await this.deps.bus.lease('retention-sweep', SWEEP_LEASE_MS);
    if (!lease) return report;
    report.ran = true;
    try {
      const policies = await this.deps.store.retention.all();
      for (const policy of policies) {
        if (only !== null && policy.room_id !== only) continue;
        try {
          await this.sweepRoom(policy.room_id, policy.days, report);
        } catch (error) {
          report.clean = false;
          this.deps.log.error('retention sweep of a room failed [RETAIN3]', {
            room: policy.room_id,
            error,
          });
        }
      }
      if (!(await this.deps.persistence.scrub())) {
        report.clean = false;
        this.deps.log.warn('retention: the write-ahead log is still in use; scrubbed next sweep');
      }
    } catch (error) {
      report.clean = false;
      this.deps.log.error('retention sweep failed [RETAIN3]', { error });
    } finally {
      await lease.release();
    }
    if (report.parts + report.files > 0) this.deps.log.info('retention sweep', { ...report });
    return report;
  }

  private async sweepRoom(roomId: string, days: number, report: SweepReport): Promise<void> {
    const cutoff = retentionCutoff(this.deps.clock.now(), days);
    const parts = await this.deps.persistence.headsOf([roomId]);
    for (const { room: part } of parts) {
      const suffix = part.slice(roomId.length + 1);
      const isMeta = suffix === 'meta';
      if (!isMeta && !(bucketStart(suffix) < cutoff)) continue;
      const result = await this.deps.relay.rewrite(part, (doc) =>
        isMeta ? expireMeta(doc, cutoff, RELAY_ORIGIN) : expireBucket(doc, cutoff, RELAY_ORIGIN),
      );
      if (result.changed) report.parts += 1;
      if (result.changed && !result.compacted) report.clean = false;
    }
    const { store, blobs } = this.deps;
    for (const file of await store.files.uploadedBefore(roomId, cutoff)) {
      if (!(await store.files.delete(roomId, file.id))) continue;
      report.files += 1;
      // Bytes are stored once for every room that holds the file.
      if (await store.files.referenced(file.id)) continue;
      await blobs.delete(file.id);
      report.blobs += 1;
    }
    await store.notifications.deleteBefore(roomId, cutoff);
  }
}
