import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OrgImportResult } from '../../shared/api/org.js';
import { CreatedInvite, Me, UserSummary } from '../../shared/api/schemas.js';
import { OrgChart } from '../../shared/org/org-chart.js';
import { SqlitePersistence } from '../../sync-server/src/persistence/sqlite-persistence.js';
import { ApiClient } from '../support/api-client.js';
import { startScaledPair } from '../support/scaled-pair.js';
import { startTestRelay } from '../support/test-relay.js';
import { signInOwner } from '../support/workspace-people.js';

/**
 * The org chart through real relays, in both modes: one embedded relay, and two scaled
 * relays on one PostgreSQL and Redis, where a change made through one relay is read
 * through the other. `admin` is the owner; `urls` are the relays, used in turn.
 */
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

let joined = 0;
async function join_(url: string, admin: ApiClient, role: 'member' | 'guest', name: string) {
  const invite = await admin.ok(CreatedInvite, 'POST', '/invites', { role, groups: [] });
  const api = new ApiClient(url);
  const email = `${name.toLowerCase()}${++joined}@org.test`;
  const me = await api.ok(Me, 'POST', `/invites/${invite.token}/accept`, {
    name,
    email,
    password: 'a long enough password',
  });
  return { id: me.user.id, email, api };
}

async function scenario(admin: ApiClient, urls: [string, string]) {
  const [one, two] = urls;
  const ann = await join_(one, admin, 'member', 'Ann');
  const bob = await join_(two, admin, 'member', 'Bob');
  const cid = await join_(one, admin, 'member', 'Cid');
  const guest = await join_(two, admin, 'guest', 'Gus');
  const version = async () => (await admin.ok(OrgChart, 'GET', '/org')).version;
  const start = await version();

  // [ORG3] members cannot change anything.
  const refused = await ann.api.call('POST', '/org/departments', { name: 'X', parentId: null });
  expect(refused.status).toBe(403);
  const refusedImport = await bob.api.call('POST', '/org/import', { csv: 'email\n', dryRun: true });
  expect(refusedImport.status).toBe(403);

  // [ORG10] a dry run names every bad row by its line and changes nothing.
  const bad = [
    'email,department,manager,head',
    `${ann.email},Company/Finance,,yes`,
    `nobody@org.test,Company/Finance,,no`,
    `${bob.email},Company//Sales,${ann.email},no`,
    `${cid.email},"Company/Finance",${bob.email},maybe`,
    `${ann.email},Company/Finance,${cid.email},yes`,
    `${cid.email},Company/Finance`,
  ].join('\n');
  const dry = await admin.ok(OrgImportResult, 'POST', '/org/import', { csv: bad, dryRun: true });
  expect(dry.applied).toBe(false);
  expect(dry.errors).toEqual([
    { line: 3, reason: 'no person with the email nobody@org.test' },
    { line: 4, reason: expect.stringContaining('Company//Sales') as string },
    { line: 5, reason: 'head must be yes or no, not "maybe"' },
    { line: 6, reason: `${ann.email} is given another manager on line 2` },
    { line: 7, reason: 'expected 4 fields, found 2' },
  ]);
  expect(await version()).toBe(start);

  // ... and an apply of the same file is refused whole: no department, no manager.
  const applied = await admin.call<{ code: string; errors: unknown[] }>('POST', '/org/import', {
    csv: bad,
    dryRun: false,
  });
  expect(applied.status).toBe(400);
  expect(applied.body.errors).toEqual(dry.errors);
  const untouched = await admin.ok(OrgChart, 'GET', '/org');
  expect(untouched.version).toBe(start);
  expect(untouched.departments).toEqual([]);
  expect(untouched.people.every((p) => p.managerId === null)).toBe(true);

  // A manager circle across rows is refused at the lines involved [ORG5].
  const circle = [
    'Email,Department path,Manager email,Is head',
    `${ann.email},Company,${bob.email},no`,
    `${bob.email},Company,${ann.email},no`,
  ].join('\r\n');
  const circled = await admin.ok(OrgImportResult, 'POST', '/org/import', {
    csv: circle,
    dryRun: true,
  });
  expect(circled.errors.map((e) => e.line)).toEqual([2, 3]);
  expect(circled.errors[0]?.reason).toBe('a circle of managers: Ann → Bob → Ann');

  // A good file is applied whole, as one change, through one relay.
  const good = [
    'email,department,manager,head',
    `${ann.email},Company/Finance,,yes`,
    `${bob.email},Company/Finance,${ann.email},no`,
    `${cid.email},Company/Sales,${bob.email},yes`,
    `${cid.email},"Company/Finance",${bob.email},no`,
  ].join('\n');
  const result = await admin.ok(OrgImportResult, 'POST', '/org/import', {
    csv: good,
    dryRun: false,
  });
  expect(result).toEqual({
    applied: true,
    errors: [],
    summary: {
      rows: 4,
      people: 3,
      departmentsCreated: ['Company', 'Company/Finance', 'Company/Sales'],
    },
  });

  // [ORG2] a member reads it through the other relay: everyone they may list.
  const memberApi = new ApiClient(two);
  memberApi.copyCookie(bob.api, 'ws_session');
  const chart = await memberApi.ok(OrgChart, 'GET', '/org');
  expect(chart.version).toBe(start + 1);
  const users = await memberApi.ok(UserSummary.array(), 'GET', '/users');
  expect(chart.people.map((p) => p.id).sort()).toEqual(users.map((u) => u.id).sort());
  const byName = (name: string) => chart.departments.find((d) => d.name === name)!;
  expect(byName('Finance').headIds).toEqual([ann.id]);
  expect(byName('Finance').parentId).toBe(byName('Company').id);
  expect(byName('Sales').headIds).toEqual([cid.id]);
  const cidInChart = chart.people.find((p) => p.id === cid.id)!;
  expect(cidInChart.managerId).toBe(bob.id);
  expect(cidInChart.departmentIds.sort()).toEqual(
    [byName('Finance').id, byName('Sales').id].sort(),
  );

  // [ORG2] a guest learns nothing.
  const forGuest = await guest.api.call('GET', '/org');
  expect(forGuest.status).toBe(403);
  expect(JSON.stringify(forGuest.body)).not.toContain('Ann');

  // [ORG8] deactivated, Ann stays, with her place.
  const deactivated = await admin.call('POST', `/users/${ann.id}/deactivate`, {});
  expect(deactivated.status).toBe(200);
  const after = await cid.api.ok(OrgChart, 'GET', '/org');
  expect(after.people.find((p) => p.id === ann.id)).toMatchObject({ active: false });
  expect(after.departments.find((d) => d.name === 'Finance')?.headIds).toEqual([ann.id]);

  // [ORG9] a person sets their own delegation; [ORG1] every change is audited.
  const delegated = await bob.api.ok(OrgChart, 'PUT', '/org/delegation', {
    delegateId: cid.id,
    from: '2030-01-01',
    until: '2030-01-08',
  });
  expect(delegated.delegations).toEqual([
    { personId: bob.id, delegateId: cid.id, from: '2030-01-01', until: '2030-01-08' },
  ]);
  expect(delegated.version).toBe(start + 2);
  const toInactive = await cid.api.call('PUT', '/org/delegation', {
    delegateId: ann.id,
    from: '2030-01-01',
    until: '2030-01-08',
  });
  expect(toInactive.status).toBe(400);
  const audit = await admin.call<{ action: string }[]>('GET', '/audit');
  const actions = audit.body.map((e) => e.action);
  expect(actions.filter((a) => a.startsWith('org.'))).toEqual(['org.delegation', 'org.import']);
}

describe('[ORG1] the org chart through the relay', () => {
  it('[ORG10] embedded: CSV dry run and apply, who may change and who may see', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'org-chart-'));
    const relay = await startTestRelay({
      persistence: new SqlitePersistence({ file: join(dir, 'relay.sqlite') }),
    });
    cleanup.push(() => relay.stop());
    const owner = await signInOwner(relay);
    await scenario(owner.api, [relay.httpUrl, relay.httpUrl]);
  });

  it('[ORG10] scaled: the same through two relays on one PostgreSQL', async () => {
    const { admin, urls } = await startScaledPair(cleanup, 'org-scaled-');
    await scenario(admin, urls);
  }, 120_000);
});
