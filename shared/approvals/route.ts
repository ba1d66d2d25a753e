import { z } from 'zod';
import type { OrgChart, OrgPerson } from '../org/org-chart.js';
import { Money, type FormValues } from './form.js';
import { StepMode, type ApproverSource, type Condition, type Template } from './template.js';

/**
 * Route resolution (APPROVALS.md [APPR3]–[APPR10]): the concrete people a request
 * goes to, computed once by the relay at submit (and recorded in log entry 0) and by
 * a device for the preview. Pure: the org chart and the clock are arguments.
 */

/** Why a person stands where the template did not name them directly. */
export const Via = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deactivated'), for: z.string() }),
  z.object({ kind: z.literal('delegate'), for: z.string() }),
  z.object({ kind: z.literal('fallbackAdmin') }),
  z.object({ kind: z.literal('addedBy'), by: z.string(), position: z.enum(['before', 'after']) }),
  z.object({ kind: z.literal('transferredBy'), by: z.string() }),
]);
export type Via = z.infer<typeof Via>;

export const RouteApprover = z.object({ id: z.string().min(1), via: z.array(Via) });
export type RouteApprover = z.infer<typeof RouteApprover>;

export const RouteStep = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('approve'),
    stepId: z.string(),
    mode: StepMode,
    approvers: z.array(RouteApprover).min(1),
  }),
  z.object({
    kind: z.literal('cc'),
    stepId: z.string(),
    recipients: z.array(z.string().min(1)).min(1),
  }),
]);
export type RouteStep = z.infer<typeof RouteStep>;

export type SkipReason = 'condition' | 'submitter' | 'decidedBefore' | 'noRecipient';
export type ResolvedRoute = {
  route: RouteStep[];
  skipped: { stepId: string; reason: SkipReason }[];
};

export function resolveRoute(
  template: Template,
  form: FormValues,
  submitterId: string,
  org: OrgChart,
  now: string,
): ResolvedRoute {
  const people = new Map(org.people.map((p) => [p.id, p]));
  const departments = new Map(org.departments.map((d) => [d.id, d]));
  const submitter = people.get(submitterId);
  const stand = standIn(org, now);
  const route: RouteStep[] = [];
  const skipped: ResolvedRoute['skipped'] = [];
  let previous: Extract<RouteStep, { kind: 'approve' }> | undefined;

  const managerOf = (p: OrgPerson) => (p.managerId === null ? undefined : people.get(p.managerId));
  const headsOf = (departmentId: unknown) =>
    typeof departmentId === 'string' ? (departments.get(departmentId)?.headIds ?? []) : [];

  function expand(source: ApproverSource): string[] {
    switch (source.kind) {
      case 'people':
        return source.ids;
      case 'role':
        return org.people.filter((p) => p.active && p.role === source.role).map((p) => p.id);
      case 'manager': {
        const chain: string[] = [];
        const seen = new Set([submitterId]);
        for (let p = submitter && managerOf(submitter); p && !seen.has(p.id); p = managerOf(p)) {
          seen.add(p.id);
          chain.push(p.id);
          if (chain.length === source.levels) break;
        }
        if (source.chain) return chain;
        return chain.length === source.levels ? chain.slice(-1) : [];
      }
      case 'departmentHead': {
        let department = departments.get(submitter?.departmentIds[0] ?? '');
        for (let up = 0; department && up < source.levels; up++) {
          department =
            department.parentId === null ? undefined : departments.get(department.parentId);
        }
        return department?.headIds ?? [];
      }
      case 'fieldDepartmentHead':
        return headsOf(form[source.field]);
      case 'fieldPerson': {
        const chosen = form[source.field];
        return typeof chosen === 'string' ? [chosen] : [];
      }
    }
  }

  for (const step of template.flow) {
    if (step.when && !holds(step.when, form, submitter, departments)) {
      skipped.push({ stepId: step.id, reason: 'condition' });
      continue;
    }
    const sources = step.kind === 'approve' ? step.approvers : step.recipients;
    const standing = new Map<string, RouteApprover>();
    for (const id of sources.flatMap(expand)) {
      const approver = stand(id);
      if (approver && !standing.has(approver.id)) standing.set(approver.id, approver);
    }
    const hadSubmitter = standing.delete(submitterId);
    if (step.kind === 'cc') {
      if (standing.size === 0) skipped.push({ stepId: step.id, reason: 'noRecipient' });
      else route.push({ kind: 'cc', stepId: step.id, recipients: [...standing.keys()] });
      continue;
    }
    let approvers = [...standing.values()];
    let mode = step.mode;
    if (approvers.length === 0 && hadSubmitter) {
      skipped.push({ stepId: step.id, reason: 'submitter' });
      continue;
    }
    if (approvers.length === 0) {
      // [APPR5] nobody found: any one admin decides instead of the request stalling.
      approvers = org.people
        .filter(
          (p) => p.active && (p.role === 'admin' || p.role === 'owner') && p.id !== submitterId,
        )
        .map((p) => ({ id: p.id, via: [{ kind: 'fallbackAdmin' as const }] }));
      mode = 'any';
      if (approvers.length === 0) {
        skipped.push({ stepId: step.id, reason: 'submitter' });
        continue;
      }
    }
    // [APPR8] people certain to have approved the step just before decide once.
    const decided = new Set(
      previous && (previous.mode !== 'any' || previous.approvers.length === 1)
        ? previous.approvers.map((a) => a.id)
        : [],
    );
    if (mode === 'any' && approvers.some((a) => decided.has(a.id))) approvers = [];
    approvers = approvers.filter((a) => !decided.has(a.id));
    if (approvers.length === 0) {
      skipped.push({ stepId: step.id, reason: 'decidedBefore' });
      continue;
    }
    previous = { kind: 'approve', stepId: step.id, mode, approvers };
    route.push(previous);
  }
  return { route, skipped };
}

/**
 * Who stands in a person's place at `now`: [APPR7] a deactivated person's manager (up
 * the chain while deactivated), then [APPR9] an absent person's delegate. The relay
 * uses it at submit and to move places later ([APPR80]).
 */
export function standIn(org: OrgChart, now: string): (id: string) => RouteApprover | undefined {
  const people = new Map(org.people.map((p) => [p.id, p]));
  const managerOf = (p: OrgPerson) => (p.managerId === null ? undefined : people.get(p.managerId));
  const at = Date.parse(now);
  return (id) => {
    const via: Via[] = [];
    const seen = new Set<string>();
    let person = people.get(id);
    while (person && !person.active && !seen.has(person.id)) {
      seen.add(person.id);
      via.push({ kind: 'deactivated', for: person.id });
      person = managerOf(person);
    }
    if (!person?.active) return undefined;
    for (;;) {
      seen.add(person.id);
      const away = org.delegations.find(
        (d) => d.personId === person?.id && Date.parse(d.from) <= at && at < Date.parse(d.until),
      );
      const delegate = away && people.get(away.delegateId);
      if (!delegate?.active || seen.has(delegate.id)) return { id: person.id, via };
      via.push({ kind: 'delegate', for: person.id });
      person = delegate;
    }
  };
}

/** [APPR4] */
function holds(
  condition: Condition,
  form: FormValues,
  submitter: OrgPerson | undefined,
  departments: Map<string, { parentId: string | null }>,
): boolean {
  switch (condition.kind) {
    case 'all':
      return condition.of.every((c) => holds(c, form, submitter, departments));
    case 'any':
      return condition.of.some((c) => holds(c, form, submitter, departments));
    case 'not':
      return !holds(condition.of, form, submitter, departments);
    case 'choice': {
      const value = form[condition.field];
      const picked = Array.isArray(value) ? value : [value];
      return picked.some((v) => typeof v === 'string' && condition.anyOf.includes(v));
    }
    case 'submitterIn': {
      for (const start of submitter?.departmentIds ?? []) {
        const seen = new Set<string>();
        for (
          let id: string | null | undefined = start;
          id && !seen.has(id);
          id = departments.get(id)?.parentId
        ) {
          if (condition.departmentIds.includes(id)) return true;
          seen.add(id);
        }
      }
      return false;
    }
    case 'compare': {
      const value = form[condition.field];
      const money = Money.safeParse(value);
      let amount: number;
      if (typeof value === 'number') amount = value;
      else if (money.success) {
        // Fail safe: an amount in another currency cannot be compared, so the step stays.
        if (condition.currency !== undefined && money.data.currency !== condition.currency)
          return true;
        amount = money.data.amount;
      } else return false;
      const { op, value: limit } = condition;
      return op === 'gt'
        ? amount > limit
        : op === 'gte'
          ? amount >= limit
          : op === 'lt'
            ? amount < limit
            : op === 'lte'
              ? amount <= limit
              : amount === limit;
    }
  }
}
