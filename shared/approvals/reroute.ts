import { z } from 'zod';
import type { RouteStep } from './route.js';

/**
 * In-flight re-routing (APPROVALS.md [APPR80]–[APPR84]): when an approver leaves
 * (deactivated) or goes away (out of office), the relay moves the places they still
 * hold on a pending request to someone else, as a `reroute` entry of its own.
 * What may move and how is checked here, so a device verifying the log rejects a
 * reroute that skips a step, drops an approval or makes the submitter an approver.
 */

/** The actor of entries the relay makes on its own; never a person id (those are 16 chars). */
export const RELAY_ACTOR = 'relay';

/** Why the place moved: the first element names `from` ([APPR81]). */
export const RerouteVia = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deactivated'), for: z.string().min(1) }),
  z.object({ kind: z.literal('delegate'), for: z.string().min(1) }),
  z.object({ kind: z.literal('fallbackAdmin') }),
]);

export const RerouteAction = z
  .object({
    kind: z.literal('reroute'),
    from: z.string().min(1),
    to: z.string().min(1),
    via: z.array(RerouteVia).min(1).max(20),
  })
  .strict();
export type RerouteAction = z.infer<typeof RerouteAction>;

/** What the state machine keeps that a reroute changes. */
type Live = {
  submitterId: string;
  route: RouteStep[];
  approved: string[][];
  current: number;
  status: string;
};
type Approve = Extract<RouteStep, { kind: 'approve' }>;

/** Steps (index >= current) where `personId` holds a place they have not decided yet. */
export function openPlaces(state: Live, personId: string): number[] {
  if (state.status !== 'pending') return [];
  const steps: number[] = [];
  for (let i = state.current; i < state.route.length; i++) {
    const step = state.route[i];
    if (step?.kind !== 'approve' || !step.approvers.some((a) => a.id === personId)) continue;
    if (i === state.current && state.approved[i]?.includes(personId)) continue;
    steps.push(i);
  }
  return steps;
}

/** Everyone holding an undecided place: whom a sweep asks about ([APPR83]). */
export function peopleAhead(state: Live): string[] {
  if (state.status !== 'pending') return [];
  const ids = new Set<string>();
  for (let i = state.current; i < state.route.length; i++) {
    const step = state.route[i];
    if (step?.kind !== 'approve') continue;
    for (const a of step.approvers)
      if (i > state.current || !state.approved[i]?.includes(a.id)) ids.add(a.id);
  }
  return [...ids];
}

export type RerouteRefusal = {
  code: 'not_an_approver' | 'bad_target' | 'malformed';
  message: string;
};

/**
 * Applies a reroute to `next` (a copy the caller owns). Answers a refusal, or null when
 * applied; the caller then passes on from the current step: it may have become complete
 * or been dropped ([APPR82]).
 */
export function applyReroute(next: Live, action: RerouteAction): RerouteRefusal | null {
  const first = action.via[0];
  if (first?.kind === 'fallbackAdmin' || first?.for !== action.from)
    return { code: 'malformed', message: 'a reroute first names whose place moves' };
  if (action.to === next.submitterId || action.to === action.from)
    return { code: 'bad_target', message: 'the place cannot go to the submitter or back' };
  const steps = openPlaces(next, action.from);
  if (steps.length === 0)
    return { code: 'not_an_approver', message: 'that person holds no undecided place' };
  for (const i of steps) {
    const step = next.route[i] as Approve;
    const place = step.approvers.findIndex((a) => a.id === action.from);
    const old = step.approvers[place]!;
    if (step.approvers.some((a) => a.id === action.to)) step.approvers.splice(place, 1);
    else step.approvers[place] = { id: action.to, via: [...old.via, ...action.via] };
  }
  decideOnce(next, action.to, new Set(steps));
  return null;
}

/**
 * [APPR82] The same approver twice in a row decides once, as at submit ([APPR8]), for
 * the person who took the places: later steps they are certain to have approved just
 * before lose them (an `any` step is decided whole); an empty later step is dropped.
 */
function decideOnce(next: Live, id: string, touched: Set<number>): void {
  const approveSteps = next.route.flatMap((s, i) => (s.kind === 'approve' ? [i] : []));
  for (let k = approveSteps.length - 1; k > 0; k--) {
    const p = approveSteps[k - 1]!;
    const s = approveSteps[k]!;
    if (s < next.current || (!touched.has(p) && !touched.has(s))) continue;
    const prev = next.route[p] as Approve;
    const step = next.route[s] as Approve;
    const certain =
      p < next.current
        ? (next.approved[p] ?? []).includes(id) &&
          (prev.mode !== 'any' || prev.approvers.length === 1)
        : prev.approvers.some((a) => a.id === id) &&
          (prev.mode !== 'any' || prev.approvers.length === 1);
    const approvedHere = (next.approved[s] ?? []).includes(id);
    if (!certain || approvedHere || !step.approvers.some((a) => a.id === id)) continue;
    if (step.mode === 'any') step.approvers = [];
    else step.approvers = step.approvers.filter((a) => a.id !== id);
    if (step.approvers.length > 0) continue;
    // Dropped, the current one too: the caller passes on from the same index.
    next.route.splice(s, 1);
    next.approved.splice(s, 1);
  }
}

/** The current step is complete: everyone left on it approved. */
export function currentComplete(next: Live): boolean {
  const step = next.route[next.current];
  if (step?.kind !== 'approve') return false;
  const done = next.approved[next.current] ?? [];
  if (step.mode === 'any') return step.approvers.some((a) => done.includes(a.id));
  return step.approvers.every((a) => done.includes(a.id));
}
