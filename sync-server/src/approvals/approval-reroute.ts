import { openPlaces, type RerouteAction } from '../../../shared/approvals/reroute.js';
import { standIn } from '../../../shared/approvals/route.js';
import type { RequestState } from '../../../shared/approvals/state.js';
import type { OrgChart } from '../../../shared/org/org-chart.js';
import type { IdentityStore } from '../auth/identity/identity-store.js';
import type { Logger } from '../logger.js';
import { chartOf } from './request-log.js';

/** How often at most a relay looks for places to move on its own ([APPR83]). */
export const REROUTE_SWEEP_MS = 60_000;
const PAGE = 100;

/**
 * [APPR80] Who takes the places `personId` still holds on this request, and why; null
 * when they hold none, or are active and in office. Nobody up the chain, or only the
 * submitter, means an admin takes them ([APPR81]).
 */
export function rerouteOf(
  state: RequestState,
  personId: string,
  org: OrgChart,
  now: string,
): RerouteAction | null {
  if (openPlaces(state, personId).length === 0) return null;
  const person = org.people.find((p) => p.id === personId);
  const stood = standIn(org, now)(personId);
  if (person?.active && stood?.id === personId) return null;
  if (stood && stood.id !== state.submitterId && stood.id !== personId)
    return {
      kind: 'reroute',
      from: personId,
      to: stood.id,
      via: stood.via as RerouteAction['via'],
    };
  const admin = org.people.find(
    (p) =>
      p.active &&
      (p.role === 'admin' || p.role === 'owner') &&
      p.id !== state.submitterId &&
      p.id !== personId,
  );
  if (!admin) return null;
  const why = person?.active ? ('delegate' as const) : ('deactivated' as const);
  return {
    kind: 'reroute',
    from: personId,
    to: admin.id,
    via: [{ kind: why, for: personId }, { kind: 'fallbackAdmin' }],
  };
}

/** Appends the reroute of one person's places on one request; false when none moved. */
export type MoveOne = (requestId: string, personId: string) => Promise<boolean>;

/**
 * Finds the places to move: right after a deactivation or a delegation through the API,
 * and, at most once a minute, before the relay answers an approvals list or count
 * (a delegation that starts on a later day, a deactivation through the CLI).
 */
export class ApprovalReroutes {
  private lastSweep = Number.NEGATIVE_INFINITY;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly deps: {
      store: IdentityStore;
      now: () => number;
      moveOne: MoveOne;
      log: Logger;
    },
  ) {}

  /** Moves every place the person holds on pending requests; never throws (the sweep retries). */
  async movePlacesOf(personId: string): Promise<number> {
    let moved = 0;
    try {
      let before: { updatedAt: string; id: string } | undefined;
      for (;;) {
        const rows = await this.deps.store.approvals.box({
          userId: personId,
          role: 'ahead',
          limit: PAGE,
          before,
        });
        for (const row of rows) if (await this.deps.moveOne(row.id, personId)) moved++;
        const last = rows.at(-1);
        if (!last || rows.length < PAGE) return moved;
        before = { updatedAt: last.updated_at, id: last.id };
      }
    } catch (error) {
      this.deps.log.error('approvals: moving places failed', { personId, error: String(error) });
      return moved;
    }
  }

  /** Everyone deactivated or away now. */
  async sweep(): Promise<void> {
    const org = await this.deps.store.transaction(chartOf);
    const at = this.deps.now();
    const away = org.delegations
      .filter((d) => Date.parse(d.from) <= at && at < Date.parse(d.until))
      .map((d) => d.personId);
    const gone = org.people.filter((p) => !p.active).map((p) => p.id);
    for (const id of new Set([...gone, ...away])) await this.movePlacesOf(id);
  }

  /** Runs the sweep when the last one is older than REROUTE_SWEEP_MS; one at a time. */
  async due(): Promise<void> {
    if (this.sweeping) return this.sweeping;
    if (this.deps.now() - this.lastSweep < REROUTE_SWEEP_MS) return;
    this.lastSweep = this.deps.now();
    this.sweeping = this.sweep()
      .catch((error: unknown) =>
        this.deps.log.error('approvals: sweep failed', { error: String(error) }),
      )
      .finally(() => (this.sweeping = null));
    return this.sweeping;
  }
}
