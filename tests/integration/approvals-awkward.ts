import { randomUUID } from 'node:crypto';
import { hexToBytes } from '@noble/hashes/utils.js';
import { expect } from 'vitest';
import { z } from 'zod';
import {
  ActionResult,
  ApprovalCount,
  RelayKey,
  RequestDetail,
  TemplateRecord,
} from '../../shared/api/approvals.js';
import { AuditEntry, Me, Notification, UserSummary } from '../../shared/api/schemas.js';
import { verifyLog } from '../../shared/approvals/log.js';
import type { RouteStep } from '../../shared/approvals/route.js';
import { OrgChart } from '../../shared/org/org-chart.js';
import type { ApiClient } from '../support/api-client.js';
import { act, joinAs, type Person } from '../support/approval-people.js';

/**
 * The awkward cases of a route ([APPR5]–[APPR9]) and places that move while a request
 * is open ([APPR80]–[APPR83]), through real relays: run by approvals-flow.test.ts on
 * its embedded relay and on its two scaled relays (`one` and `two` may be the same).
 */
export async function awkwardCases(admin: ApiClient, [one, two]: [string, string]) {
  const owner = (await admin.ok(Me, 'GET', '/me')).user.id;
  const ann = await joinAs(one, admin, 'member', 'Ann');
  const bo = await joinAs(two, admin, 'member', 'Bo');
  const cy = await joinAs(one, admin, 'member', 'Cy');
  const dee = await joinAs(two, admin, 'member', 'Dee');
  const eve = await joinAs(one, admin, 'member', 'Eve');
  const manager = (who: Person, of: Person | null) =>
    admin.ok(OrgChart, 'PUT', `/org/people/${who.id}/manager`, { managerId: of?.id ?? null });
  // ann -> bo -> cy; dee -> cy; eve has no manager.
  await manager(ann, bo);
  await manager(bo, cy);
  await manager(dee, cy);
  const template = await admin.ok(TemplateRecord, 'POST', '/approvals/templates', {
    name: 'Awkward',
    fields: [],
    flow: [
      {
        kind: 'approve',
        id: 'mgr',
        mode: 'sequential',
        approvers: [{ kind: 'manager', levels: 1, chain: false }],
      },
      {
        kind: 'approve',
        id: 'again',
        mode: 'all',
        approvers: [
          { kind: 'manager', levels: 1, chain: false },
          { kind: 'people', ids: [dee.id] },
        ],
      },
      {
        kind: 'approve',
        id: 'self',
        mode: 'sequential',
        approvers: [{ kind: 'people', ids: [ann.id] }],
      },
    ],
  });
  const submit = async (who: Person) =>
    (
      await who.api.ok(ActionResult, 'POST', '/approvals/requests', {
        actionId: randomUUID(),
        templateId: template.template.id,
        form: {},
      })
    ).request.id;
  const routeOf = async (who: ApiClient, id: string) => {
    const detail = await who.ok(RequestDetail, 'GET', `/approvals/requests/${id}`);
    return (detail.entries[0]!.body.route as RouteStep[]).map((s) =>
      s.kind === 'approve' ? s.approvers.map((a) => a.id) : s.recipients,
    );
  };
  const count = (who: Person) => who.api.ok(ApprovalCount, 'GET', '/approvals/count');

  // [APPR8] bo decides once; [APPR6] ann's own step is skipped.
  const byAnn = await submit(ann);
  expect(await routeOf(ann.api, byAnn)).toEqual([[bo.id], [dee.id]]);
  // [APPR5] eve has no manager: an admin decides, any one of them; the self step is ann's.
  const byEve = await submit(eve);
  const eveRoute = await routeOf(eve.api, byEve);
  expect(eveRoute[0]).toEqual([owner]);
  expect(eveRoute).toEqual([[owner], [dee.id], [ann.id]]);

  // [APPR80] bo is deactivated while ann's request waits for him: it moves to cy, signed.
  expect(await count(cy)).toEqual({ toApprove: 0 });
  await admin.ok(UserSummary, 'POST', `/users/${bo.id}/deactivate`, {});
  const moved = await ann.via(two).ok(RequestDetail, 'GET', `/approvals/requests/${byAnn}`);
  expect(moved.entries.map((e) => [e.kind, e.actor])).toEqual([
    ['submit', ann.id],
    ['reroute', 'relay'],
  ]);
  expect(moved.entries[1]?.body).toEqual({
    from: bo.id,
    to: cy.id,
    via: [{ kind: 'deactivated', for: bo.id }],
  });
  expect(moved.request.currentApprovers).toEqual([cy.id]);
  expect(await count(cy)).toEqual({ toApprove: 1 });
  const told = await cy.api.ok(Notification.array(), 'GET', '/notifications');
  expect(told.flatMap((n) => (n.kind === 'approval' ? [[n.requestId, n.reason]] : []))).toEqual([
    [byAnn, 'toApprove'],
  ]);
  const key = await ann.api.ok(RelayKey, 'GET', '/approvals/key');
  expect('ok' in verifyLog(moved.entries, hexToBytes(key.publicKey))).toBe(true);

  // [APPR80] dee goes out of office from today: her steps go to eve, who decides them.
  await cy.via(two).ok(ActionResult, 'POST', `/approvals/requests/${byAnn}/actions`, {
    actionId: randomUUID(),
    action: { kind: 'approve' },
  });
  expect(await count(dee)).toEqual({ toApprove: 1 });
  const today = new Date().toISOString().slice(0, 10);
  const later = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await dee.api.ok(OrgChart, 'PUT', '/org/delegation', {
    delegateId: eve.id,
    from: today,
    until: later,
  });
  expect(await count(dee)).toEqual({ toApprove: 0 });
  expect(await count(eve)).toEqual({ toApprove: 1 });
  // [APPR81] not on eve's own request: an admin takes dee's place there, and as the
  // admin approves the step just before, decides once ([APPR82]).
  const eveOwn = await eve.api.ok(RequestDetail, 'GET', `/approvals/requests/${byEve}`);
  expect(eveOwn.entries.at(-1)?.body).toMatchObject({ from: dee.id, to: owner });
  expect((await routeOf(eve.api, byEve)).length).toBe(3); // entry 0 keeps the route it had
  expect((await act(dee.api, byAnn, { kind: 'approve' })).body.code).toBe('not_an_approver');
  await eve.via(two).ok(ActionResult, 'POST', `/approvals/requests/${byAnn}/actions`, {
    actionId: randomUUID(),
    action: { kind: 'approve' },
  });
  const done = await ann.api.ok(RequestDetail, 'GET', `/approvals/requests/${byAnn}`);
  expect(done.request.status).toBe('approved');
  expect(done.entries.map((e) => e.kind)).toEqual([
    'submit',
    'reroute',
    'approve',
    'reroute',
    'approve',
  ]);

  // [APPR37] a second urge within the DING budget's window is refused, saying why.
  const statuses: number[] = [];
  let refused: { code: string; message: string } | undefined;
  for (let i = 0; i < 5 && !refused; i++) {
    const urged = await act(eve.api, byEve, { kind: 'urge' });
    statuses.push(urged.status);
    if (urged.status === 429) refused = urged.body;
  }
  expect(statuses).toEqual([200, 200, 200, 429]);
  expect(refused).toMatchObject({ code: 'rate_limited' });
  expect(refused?.message).toMatch(/at most 3 urgent alerts per 10 minutes/);

  // [APPR84] template changes are in the admins' audit log: who, when, which version.
  const id = template.template.id;
  await admin.ok(TemplateRecord, 'PUT', `/approvals/templates/${id}`, {
    ...template.template,
    name: 'Awkward cases',
    baseVersion: 1,
  });
  await admin.ok(TemplateRecord, 'PUT', `/approvals/templates/${id}/archived`, { archived: true });
  const audit = await admin.ok(z.array(AuditEntry), 'GET', '/audit');
  expect(audit.filter((e) => e.target === id).map((e) => [e.action, e.actorId, e.details])).toEqual(
    [
      ['approval-template.archive', owner, { name: 'Awkward cases', version: 2 }],
      ['approval-template.edit', owner, { name: 'Awkward cases', version: 2 }],
      ['approval-template.create', owner, { name: 'Awkward', version: 1 }],
    ],
  );
  expect((await ann.api.call('GET', '/audit')).status).toBe(403);
}
