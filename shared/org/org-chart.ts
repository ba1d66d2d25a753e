import { z } from 'zod';
import { Role } from '../access/levels.js';

/**
 * The organisation as the relay holds it (authoritative) and devices receive it:
 * departments form a tree (parentId null at the root), each with zero or more heads
 * (a committee of heads is allowed: "all heads of Finance must approve"), and each
 * person has at most one manager and belongs to zero or more departments.
 *
 * Approval routes are resolved from this shape (shared/approvals), so both the relay
 * and a device previewing "the exact route it will take" use the same function.
 */
export const Department = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(200),
  parentId: z.string().min(1).nullable(),
  headIds: z.array(z.string().min(1)),
});
export type Department = z.infer<typeof Department>;

export const OrgPerson = z.object({
  id: z.string().min(1),
  name: z.string(),
  role: Role,
  /** Deactivated people keep their place so history reads right, but never get a step. */
  active: z.boolean(),
  managerId: z.string().min(1).nullable(),
  departmentIds: z.array(z.string().min(1)),
});
export type OrgPerson = z.infer<typeof OrgPerson>;

/** Out-of-office: while `from <= now < until` (ISO dates), steps for `personId` go to `delegateId`. */
export const Delegation = z.object({
  personId: z.string().min(1),
  delegateId: z.string().min(1),
  from: z.string(),
  until: z.string(),
});
export type Delegation = z.infer<typeof Delegation>;

export const OrgChart = z.object({
  /** Bumped by the relay at every change, so a resolved route names the chart it used. */
  version: z.number().int().nonnegative(),
  departments: z.array(Department),
  people: z.array(OrgPerson),
  delegations: z.array(Delegation),
});
export type OrgChart = z.infer<typeof OrgChart>;
