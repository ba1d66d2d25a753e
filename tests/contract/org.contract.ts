import { afterEach, describe, expect, it } from 'vitest';
import type { IdentityStore, UserRow } from '../../sync-server/src/auth/identity/identity-store.js';
import { OrgChartAdmin } from '../../sync-server/src/org/org-chart-admin.js';

/**
 * The org chart on every IdentityStore (SQLite and PostgreSQL): the store's rows and
 * the rules checked on top of them in one transaction (sync-server/src/org).
 */
export function orgContract(name: string, open: () => Promise<IdentityStore>): void {
  const opened: IdentityStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => {});
  });
  const person = (id: string, role: UserRow['role'] = 'member') => ({
    id,
    email: `${id}@x.test`,
    name: id.toUpperCase(),
    password_hash: 'h',
    role,
    created_at: 1,
  });
  /** A store with an admin and people a, b, c. */
  const seeded = async () => {
    const store = await open();
    opened.push(store);
    for (const p of [person('admin', 'admin'), person('a'), person('b'), person('c')])
      await store.people.insert(p);
    const admin = (await store.people.byId('admin'))!;
    return { store, admin, org: new OrgChartAdmin({ store, now: () => 5 }) };
  };
  const auditActions = async (store: IdentityStore) =>
    (await store.audit.page(100)).map((row) => row.action).reverse();

  describe(`org chart contract: ${name}`, () => {
    it('[ORG1] the store keeps departments, heads, members, managers and delegations', async () => {
      const { store } = await seeded();
      expect(await store.org.version()).toBe(0);
      await store.org.insertDepartment({
        id: 'd1',
        name: 'Company',
        parent_id: null,
        position: 0,
        created_at: 1,
      });
      await store.org.insertDepartment({
        id: 'd2',
        name: 'finance',
        parent_id: 'd1',
        position: 1,
        created_at: 1,
      });
      await store.org.insertDepartment({
        id: 'd3',
        name: 'Admin',
        parent_id: 'd1',
        position: 1,
        created_at: 1,
      });
      await store.org.setHeads('d2', ['a', 'b', 'a']);
      await store.org.setMembers('d2', ['c']);
      await store.org.setManager('c', 'a');
      await store.org.setManager('c', 'b');
      await store.org.setDelegation('a', {
        delegate_id: 'b',
        from_date: '2030-01-01',
        until_date: '2030-01-08',
      });
      expect((await store.org.departments()).map((d) => d.id)).toEqual(['d1', 'd3', 'd2']);
      expect(await store.org.heads()).toEqual([
        { department_id: 'd2', user_id: 'a' },
        { department_id: 'd2', user_id: 'b' },
      ]);
      expect(await store.org.managers()).toEqual([{ user_id: 'c', manager_id: 'b' }]);
      expect(await store.org.delegations()).toEqual([
        { person_id: 'a', delegate_id: 'b', from_date: '2030-01-01', until_date: '2030-01-08' },
      ]);
      await store.org.deleteDepartment('d2');
      expect(await store.org.heads()).toEqual([]);
      expect(await store.org.members()).toEqual([]);
      await store.org.setManager('c', null);
      await store.org.setDelegation('a', null);
      expect(await store.org.managers()).toEqual([]);
      expect(await store.org.delegations()).toEqual([]);
      expect(await store.org.bumpVersion()).toBe(1);
      expect(await store.org.version()).toBe(1);
    });

    it('[ORG1] each change bumps the version by one and is audited; a refused one neither', async () => {
      const { store, admin, org } = await seeded();
      const company = await org.createDepartment(admin, { name: 'Company', parentId: null });
      const id = company.departments[0]!.id;
      const heads = await org.setPeople(admin, 'heads', id, ['a', 'b']);
      expect(heads.version).toBe(2);
      expect(heads.departments[0]?.headIds).toEqual(['a', 'b']);
      await expect(org.setPeople(admin, 'members', id, ['nobody'])).rejects.toThrow(
        'no person with id nobody',
      );
      expect(await store.org.version()).toBe(2);
      expect(await store.org.heads()).toHaveLength(2);
      expect(await auditActions(store)).toEqual(['org.department.create', 'org.heads']);
    });

    it('[ORG3] a member cannot change the chart', async () => {
      const { store, org } = await seeded();
      const member = (await store.people.byId('a'))!;
      await expect(org.createDepartment(member, { name: 'X', parentId: null })).rejects.toThrow(
        'only admins can change the organisation',
      );
      expect(await store.org.departments()).toEqual([]);
    });

    it('[ORG4] a department cannot move inside itself, and the cycle is named', async () => {
      const { store, admin, org } = await seeded();
      const idOf = async (name: string, parentId: string | null) =>
        (await org.createDepartment(admin, { name, parentId })).departments.find(
          (d) => d.name === name,
        )!.id;
      const finance = await idOf('Finance', null);
      const payroll = await idOf('Payroll', finance);
      const tax = await idOf('Tax', payroll);
      await expect(org.updateDepartment(admin, finance, { parentId: tax })).rejects.toThrow(
        'Finance → Tax → Payroll → Finance',
      );
      await expect(org.updateDepartment(admin, finance, { parentId: finance })).rejects.toThrow(
        'Finance → Finance',
      );
      await expect(
        org.createDepartment(admin, { name: 'payroll', parentId: finance }),
      ).rejects.toThrow('already a department called Payroll');
      expect((await store.org.departments()).find((d) => d.id === finance)?.parent_id).toBeNull();
      expect(await store.org.version()).toBe(3);
    });

    it('[ORG5] a circle of managers is refused and named', async () => {
      const { store, admin, org } = await seeded();
      await org.setManager(admin, 'b', 'a');
      await org.setManager(admin, 'c', 'b');
      await expect(org.setManager(admin, 'a', 'c')).rejects.toThrow('A → C → B → A');
      await expect(org.setManager(admin, 'a', 'a')).rejects.toThrow('A → A');
      expect(await store.org.managers()).toEqual([
        { user_id: 'b', manager_id: 'a' },
        { user_id: 'c', manager_id: 'b' },
      ]);
    });

    it('[ORG7] a department with sub-departments is not deleted; an empty one takes its links along', async () => {
      const { store, admin, org } = await seeded();
      const parent = (await org.createDepartment(admin, { name: 'Ops', parentId: null }))
        .departments[0]!.id;
      const chart = await org.createDepartment(admin, { name: 'IT', parentId: parent });
      const child = chart.departments.find((d) => d.name === 'IT')!.id;
      await org.setPeople(admin, 'members', child, ['a']);
      await expect(org.deleteDepartment(admin, parent)).rejects.toThrow(
        'Ops still has sub-departments (IT)',
      );
      const after = await org.deleteDepartment(admin, child);
      expect(after.departments.map((d) => d.name)).toEqual(['Ops']);
      expect(after.people.find((p) => p.id === 'a')?.departmentIds).toEqual([]);
      expect(await store.org.members()).toEqual([]);
    });

    it('[ORG8] a deactivated person stays in the chart with active=false and keeps their place', async () => {
      const { store, admin, org } = await seeded();
      const id = (await org.createDepartment(admin, { name: 'Sales', parentId: null }))
        .departments[0]!.id;
      await org.setPeople(admin, 'heads', id, ['a']);
      await org.setManager(admin, 'b', 'a');
      await store.people.update('a', { active: 0 });
      const chart = await org.chart(admin);
      expect(chart.people.find((p) => p.id === 'a')).toMatchObject({ active: false });
      expect(chart.departments[0]?.headIds).toEqual(['a']);
      expect(chart.people.find((p) => p.id === 'b')?.managerId).toBe('a');
    });

    it('[ORG9] a delegation goes to another active member; a circle of overlapping ones is refused', async () => {
      const { store, org } = await seeded();
      const [a, b] = [(await store.people.byId('a'))!, (await store.people.byId('b'))!];
      await org.setDelegation(a, { delegateId: 'b', from: '2030-01-01', until: '2030-01-10' });
      await expect(
        org.setDelegation(b, { delegateId: 'a', from: '2030-01-05', until: '2030-01-06' }),
      ).rejects.toThrow('B → A → B');
      await org.setDelegation(b, { delegateId: 'a', from: '2030-01-10', until: '2030-01-12' });
      await expect(
        org.setDelegation(a, { delegateId: 'a', from: '2030-02-01', until: '2030-02-02' }),
      ).rejects.toThrow('another active member');
      expect((await org.chart(a)).delegations).toHaveLength(2);
      await org.setDelegation(a, null);
      expect((await org.chart(a)).delegations.map((d) => d.personId)).toEqual(['b']);
    });
  });
}
