import type {
  DelegationBody,
  DepartmentCreateBody,
  DepartmentUpdateBody,
  OrgImportResult,
} from '../../../shared/api/org.js';
import type { OrgChart } from '../../../shared/org/org-chart.js';
import { ApiFailure, fail } from '../auth/api-failure.js';
import { ApiErrorCode } from '../../../shared/api/schemas.js';
import { isAdmin } from '../auth/accounts.js';
import { newId, type IdentityStore, type UserRow } from '../auth/identity/identity-store.js';
import { orgChartOf } from './org-chart-view.js';
import { planImport } from './org-import.js';
import {
  cycleText,
  departmentCycle,
  loadOrgState,
  managerCycle,
  siblingNamed,
  unknownPerson,
  type OrgState,
} from './org-rules.js';

/**
 * The org chart's reads and changes (rules in shared/protocol/ORG.md). Each change
 * reads the chart, checks it, writes, appends its audit entry and bumps the chart's
 * version in ONE transaction [ORG1], so a refused change leaves nothing behind and two
 * admins racing (two relays on PostgreSQL) are checked one after the other.
 */
export class OrgChartAdmin {
  constructor(private readonly deps: { store: IdentityStore; now: () => number }) {}

  /** The chart for `viewer`: everyone for a non-guest, refused for a guest [ORG2]. */
  async chart(viewer: UserRow): Promise<OrgChart> {
    if (viewer.role === 'guest')
      throw fail.forbidden('guests cannot see the organisation; ask an admin for a member account');
    return this.deps.store.transaction(async (tx) =>
      orgChartOf(await loadOrgState(tx), await tx.org.version()),
    );
  }

  createDepartment(actor: UserRow, body: DepartmentCreateBody): Promise<OrgChart> {
    const id = newId();
    return this.change(actor, 'org.department.create', id, body, async (tx, state) => {
      if (body.parentId !== null && !state.departments.has(body.parentId))
        throw fail.invalid(`no department ${body.parentId} to put it under`);
      refuseTakenName(state, body.parentId, body.name);
      const position = [...state.departments.values()].filter(
        (d) => d.parent_id === body.parentId,
      ).length;
      await tx.org.insertDepartment({
        id,
        name: body.name,
        parent_id: body.parentId,
        position,
        created_at: this.deps.now(),
      });
    });
  }

  updateDepartment(actor: UserRow, id: string, body: DepartmentUpdateBody): Promise<OrgChart> {
    return this.change(actor, 'org.department.update', id, body, async (tx, state) => {
      const department = state.departments.get(id);
      if (!department) throw fail.notFound('department');
      const parentId = body.parentId === undefined ? department.parent_id : body.parentId;
      if (parentId !== null && !state.departments.has(parentId))
        throw fail.invalid(`no department ${parentId} to move it under`);
      const cycle = departmentCycle(state, id, parentId);
      if (cycle)
        throw fail.conflict(`moving it there would put it inside itself: ${cycleText(cycle)}`);
      refuseTakenName(state, parentId, body.name ?? department.name, id);
      if (body.name !== undefined) await tx.org.updateDepartment(id, { name: body.name });
      if (parentId === department.parent_id && body.position === undefined) return;
      // Renumbers the new siblings so that positions stay 0, 1, 2, ... in order.
      const siblings = [...state.departments.values()].filter(
        (d) => d.parent_id === parentId && d.id !== id,
      );
      const at = Math.min(body.position ?? siblings.length, siblings.length);
      siblings.splice(at, 0, department);
      for (const [position, sibling] of siblings.entries())
        if (sibling.id === id) await tx.org.updateDepartment(id, { parent_id: parentId, position });
        else if (sibling.position !== position)
          await tx.org.updateDepartment(sibling.id, { position });
    });
  }

  /** Refused while it has sub-departments [ORG7]: deleting a subtree by accident loses work. */
  deleteDepartment(actor: UserRow, id: string): Promise<OrgChart> {
    return this.change(actor, 'org.department.delete', id, {}, async (tx, state) => {
      const department = state.departments.get(id);
      if (!department) throw fail.notFound('department');
      const children = [...state.departments.values()].filter((d) => d.parent_id === id);
      if (children.length > 0)
        throw fail.conflict(
          `${department.name} still has sub-departments (${children.map((c) => c.name).join(', ')}): move or delete them first`,
        );
      await tx.org.deleteDepartment(id);
    });
  }

  setPeople(
    actor: UserRow,
    kind: 'heads' | 'members',
    departmentId: string,
    userIds: readonly string[],
  ): Promise<OrgChart> {
    return this.change(actor, `org.${kind}`, departmentId, { userIds }, async (tx, state) => {
      if (!state.departments.has(departmentId)) throw fail.notFound('department');
      const unknown = unknownPerson(state, userIds);
      if (unknown) throw fail.invalid(`no person with id ${unknown}`);
      if (kind === 'heads') await tx.org.setHeads(departmentId, userIds);
      else await tx.org.setMembers(departmentId, userIds);
    });
  }

  setManager(actor: UserRow, userId: string, managerId: string | null): Promise<OrgChart> {
    return this.change(actor, 'org.manager', userId, { managerId }, async (tx, state) => {
      if (!state.people.has(userId)) throw fail.notFound('person');
      if (managerId !== null && !state.people.has(managerId))
        throw fail.invalid(`no person with id ${managerId} to be the manager`);
      const cycle = managerCycle(state.managers, state.people, userId, managerId);
      if (cycle) throw fail.conflict(`that would make a circle of managers: ${cycleText(cycle)}`);
      await tx.org.setManager(userId, managerId);
    });
  }

  /** A person's own out-of-office [ORG9]; null: back in office. */
  setDelegation(actor: UserRow, body: DelegationBody | null): Promise<OrgChart> {
    if (actor.role === 'guest') throw fail.forbidden('guests have no place in the organisation');
    return this.change(
      actor,
      'org.delegation',
      actor.id,
      body ?? { cleared: true },
      async (tx, state) => {
        if (body === null) return tx.org.setDelegation(actor.id, null);
        const delegate = state.people.get(body.delegateId);
        if (
          !delegate ||
          delegate.active !== 1 ||
          delegate.role === 'guest' ||
          delegate.id === actor.id
        )
          throw fail.invalid('the delegate must be another active member of the workspace');
        const chain = delegationChain(state, actor.id, body);
        if (chain)
          throw fail.conflict(
            `that would send steps round in a circle: ${cycleText(chain.map((id) => state.people.get(id)?.name ?? id))}`,
          );
        await tx.org.setDelegation(actor.id, {
          delegate_id: body.delegateId,
          from_date: body.from,
          until_date: body.until,
        });
      },
      false,
    );
  }

  /**
   * The CSV import [ORG10]: a dry run reports what the file would do and every row's
   * errors; an apply with any error changes nothing (400 with the errors), one without
   * is one change (one audit entry, one version).
   */
  async importCsv(actor: UserRow, csv: string, dryRun: boolean): Promise<OrgImportResult> {
    if (!isAdmin(actor)) throw fail.forbidden('only admins can change the organisation');
    if (dryRun)
      return this.deps.store.transaction(async (tx) => {
        const { errors, summary } = planImport(await loadOrgState(tx), csv);
        return { applied: false, errors, summary };
      });
    let outcome: OrgImportResult | null = null;
    const details = {};
    try {
      await this.change(actor, 'org.import', null, details, async (tx, state) => {
        const plan = planImport(state, csv);
        outcome = { applied: plan.errors.length === 0, errors: plan.errors, summary: plan.summary };
        // Thrown to roll back: nothing of a file with errors is kept.
        if (plan.errors.length > 0) throw new ImportRefused();
        await plan.write(tx, this.deps.now());
        // Audited with what it did (filled in before change() appends the entry).
        Object.assign(details, plan.summary);
      });
    } catch (error) {
      if (!(error instanceof ImportRefused)) throw error;
    }
    const result = outcome as OrgImportResult | null;
    if (!result) throw new Error('the import ran no plan');
    if (!result.applied)
      throw new ApiFailure(
        400,
        ApiErrorCode.invalidInput,
        'the file has errors: nothing was imported',
        undefined,
        {
          errors: result.errors,
        },
      );
    return result;
  }

  /**
   * Runs one change: `work` checks and writes through `tx`; then the audit entry and
   * the version bump, all in one transaction; answers with the chart after it.
   */
  async change(
    actor: UserRow,
    action: string,
    target: string | null,
    details: object,
    work: (tx: IdentityStore, state: OrgState) => Promise<void>,
    adminOnly = true,
  ): Promise<OrgChart> {
    if (adminOnly && !isAdmin(actor))
      throw fail.forbidden('only admins can change the organisation');
    return this.deps.store.transaction(async (tx) => {
      await work(tx, await loadOrgState(tx));
      await tx.audit.append({ at: this.deps.now(), actorId: actor.id, action, target, details });
      const version = await tx.org.bumpVersion();
      return orgChartOf(await loadOrgState(tx), version);
    });
  }
}

class ImportRefused extends Error {}

function refuseTakenName(state: OrgState, parentId: string | null, name: string, except?: string) {
  const taken = siblingNamed(state, parentId, name, except);
  if (taken) throw fail.conflict(`there is already a department called ${taken.name} there`);
}

/**
 * The delegates' chain from `personId`'s new delegation back to `personId`, following
 * delegations whose dates overlap the new one; null when it does not come back.
 */
function delegationChain(state: OrgState, personId: string, body: DelegationBody): string[] | null {
  const path = [personId, body.delegateId];
  for (let at = body.delegateId; ;) {
    const next = state.delegations.get(at);
    if (!next || next.until_date <= body.from || next.from_date >= body.until) return null;
    path.push(next.delegate_id);
    if (next.delegate_id === personId) return path;
    if (path.length > state.delegations.size + 2) return null;
    at = next.delegate_id;
  }
}
