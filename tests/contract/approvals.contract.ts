import { afterEach, describe, expect, it } from 'vitest';
import type {
  IdentityStore,
  RequestRow,
  TemplateRow,
} from '../../sync-server/src/auth/identity/identity-store.js';

/**
 * The approval store on every IdentityStore (SQLite and PostgreSQL): templates by
 * version, requests with their logs, people and receipts, and the signing key row.
 */
export function approvalsContract(name: string, open: () => Promise<IdentityStore>): void {
  const opened: IdentityStore[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close().catch(() => {});
  });
  const fresh = async () => {
    const store = await open();
    opened.push(store);
    return store;
  };
  const template = (version: number, name: string): TemplateRow => ({
    id: 't1',
    version,
    name,
    body: JSON.stringify({ version }),
    archived: 0,
    created_at: version,
    created_by: 'admin',
  });
  const request = (id: string, updated: string): RequestRow => ({
    id,
    template_id: 't1',
    template_version: 1,
    template_name: 'Expense',
    submitter_id: 'ann',
    status: 'pending',
    current_approvers: '["mia"]',
    submitted_at: '2030-01-01T00:00:00.000Z',
    updated_at: updated,
    entries: 1,
  });

  describe(`approvals store contract: ${name}`, () => {
    it('[APPR33] keeps every template version; the latest is listed; archiving takes all', async () => {
      const store = await fresh();
      await store.approvals.insertTemplate(template(1, 'Expense'));
      await store.approvals.insertTemplate(template(2, 'Expense claim'));
      await store.approvals.insertTemplate({ ...template(1, 'able'), id: 't0' });
      await expect(store.approvals.insertTemplate(template(2, 'again'))).rejects.toThrow();
      expect((await store.approvals.latestTemplates()).map((t) => [t.id, t.version])).toEqual([
        ['t0', 1],
        ['t1', 2],
      ]);
      expect((await store.approvals.template('t1', 1))?.name).toBe('Expense');
      expect((await store.approvals.template('t1'))?.name).toBe('Expense claim');
      expect(await store.approvals.template('t1', 3)).toBeNull();
      await store.approvals.setArchived('t1', true);
      expect((await store.approvals.template('t1', 1))?.archived).toBe(1);
      expect((await store.approvals.template('t1'))?.archived).toBe(1);
    });

    it('[APPR36] requests, their log in order, people, boxes newest first with a cursor', async () => {
      const store = await fresh();
      await store.approvals.insertTemplate(template(1, 'Expense'));
      for (const [id, at] of [
        ['r1', '2030-01-01T00:00:01.000Z'],
        ['r2', '2030-01-01T00:00:02.000Z'],
        ['r3', '2030-01-01T00:00:02.000Z'],
      ] as const) {
        await store.transaction(async (tx) => {
          await tx.approvals.insertRequest(request(id, at));
          await tx.approvals.appendLog(id, 0, `{"seq":0,"id":"${id}"}`);
          await tx.approvals.setPeople(id, [
            { user_id: 'ann', role: 'viewer' },
            { user_id: 'ann', role: 'submitter' },
            { user_id: 'mia', role: 'viewer' },
            { user_id: 'mia', role: 'current' },
          ]);
        });
      }
      await expect(store.approvals.appendLog('r1', 0, '{}')).rejects.toThrow();
      await store.approvals.appendLog('r1', 1, '{"seq":1}');
      expect(await store.approvals.log('r1')).toEqual(['{"seq":0,"id":"r1"}', '{"seq":1}']);
      const page = await store.approvals.box({ userId: 'mia', role: 'current', limit: 2 });
      expect(page.map((r) => r.id)).toEqual(['r3', 'r2']);
      const next = await store.approvals.box({
        userId: 'mia',
        role: 'current',
        limit: 2,
        before: { updatedAt: page[1]!.updated_at, id: page[1]!.id },
      });
      expect(next.map((r) => r.id)).toEqual(['r1']);
      expect(await store.approvals.count('mia', 'current')).toBe(3);
      expect(await store.approvals.isOn('r1', 'mia')).toBe(true);
      expect(await store.approvals.isOn('r1', 'zed')).toBe(false);

      // The row and the people are recomputed together; the old roles are gone.
      await store.transaction(async (tx) => {
        const locked = await tx.approvals.lockRequest('r1');
        expect(locked?.entries).toBe(1);
        await tx.approvals.updateRequest({
          ...request('r1', '2030-01-01T00:00:09.000Z'),
          status: 'approved',
          current_approvers: '[]',
          entries: 2,
        });
        await tx.approvals.setPeople('r1', [
          { user_id: 'mia', role: 'viewer' },
          { user_id: 'mia', role: 'approved' },
        ]);
      });
      expect(await store.approvals.request('r1')).toMatchObject({ status: 'approved', entries: 2 });
      expect(await store.approvals.count('mia', 'current')).toBe(2);
      expect(await store.approvals.isOn('r1', 'ann')).toBe(false);
      expect(await store.approvals.lockRequest('nope')).toBeNull();
    });

    it('[APPR64] records: oldest submit first, by template, day range and who may read', async () => {
      const store = await fresh();
      await store.approvals.insertTemplate(template(1, 'Expense'));
      await store.approvals.insertTemplate({ ...template(1, 'Trip'), id: 't2' });
      for (const [id, templateId, submitted, viewer] of [
        ['r1', 't1', '2030-01-02T00:00:00.000Z', 'ann'],
        ['r2', 't2', '2030-01-01T23:59:59.999Z', 'ann'],
        ['r3', 't1', '2030-01-03T00:00:00.000Z', 'mia'],
      ] as const) {
        await store.approvals.insertRequest({
          ...request(id, submitted),
          template_id: templateId,
          submitted_at: submitted,
        });
        await store.approvals.setPeople(id, [{ user_id: viewer, role: 'viewer' }]);
      }
      const ids = async (query: Parameters<typeof store.approvals.records>[0]) =>
        (await store.approvals.records(query)).map((r) => r.id);
      expect(await ids({})).toEqual(['r2', 'r1', 'r3']);
      expect(await ids({ templateId: 't1' })).toEqual(['r1', 'r3']);
      expect(
        await ids({ from: '2030-01-02T00:00:00.000Z', to: '2030-01-03T00:00:00.000Z' }),
      ).toEqual(['r1']);
      expect(await ids({ userId: 'ann' })).toEqual(['r2', 'r1']);
      expect(
        await ids({ userId: 'ann', templateId: 't1', from: '2030-01-02T00:00:00.000Z' }),
      ).toEqual(['r1']);
      expect(await ids({ userId: 'zed' })).toEqual([]);
    });

    it('[APPR35] a receipt is kept once; a failed transaction leaves neither entry nor receipt', async () => {
      const store = await fresh();
      await store.approvals.insertTemplate(template(1, 'Expense'));
      await store.approvals.insertRequest(request('r1', '2030-01-01T00:00:01.000Z'));
      const receipt = { action_id: 'a1', actor_id: 'ann', request_id: 'r1', seq: 0, created_at: 5 };
      await store.approvals.insertReceipt(receipt);
      await expect(store.approvals.insertReceipt({ ...receipt, seq: 1 })).rejects.toThrow();
      expect(await store.approvals.receipt('a1')).toEqual(receipt);
      await expect(
        store.transaction(async (tx) => {
          await tx.approvals.appendLog('r1', 0, '{}');
          await tx.approvals.insertReceipt({ ...receipt, action_id: 'a2' });
          throw new Error('refused after writing');
        }),
      ).rejects.toThrow('refused after writing');
      expect(await store.approvals.log('r1')).toEqual([]);
      expect(await store.approvals.receipt('a2')).toBeNull();
    });

    it("[APPR40] notices: newest first with the template name; only one's own are marked read", async () => {
      const store = await fresh();
      await store.approvals.insertTemplate(template(1, 'Expense'));
      await store.approvals.insertRequest(request('r1', '2030-01-01T00:00:01.000Z'));
      const notice = (id: string, user: string, at: number) => ({
        id,
        user_id: user,
        request_id: 'r1',
        seq: 0,
        reason: 'toApprove' as const,
        actor_id: 'ann',
        at,
        read_at: null,
      });
      await store.approvals.insertNotices([
        notice('n1', 'mia', 1),
        notice('n2', 'mia', 2),
        notice('n3', 'fay', 3),
      ]);
      const mine = await store.approvals.notices('mia', 10);
      expect(mine.map((n) => [n.id, n.template_name])).toEqual([
        ['n2', 'Expense'],
        ['n1', 'Expense'],
      ]);
      await store.approvals.markNoticesRead('mia', ['n1', 'n3'], 9);
      expect((await store.approvals.notices('mia', 10)).map((n) => n.read_at)).toEqual([null, 9]);
      expect((await store.approvals.notices('fay', 10))[0]?.read_at).toBeNull();
    });

    it('[APPR30] the first signing key stored is the one every later caller gets', async () => {
      const store = await fresh();
      const first = 'ab'.repeat(32);
      expect(await store.approvals.signingSeed(first)).toBe(first);
      expect(await store.approvals.signingSeed('cd'.repeat(32))).toBe(first);
    });

    it('[APPR85] an attachment is kept once by its hash, sizes as numbers; unknown ids are null', async () => {
      const store = await fresh();
      const row = {
        id: 'a1'.repeat(32),
        blob: 'b2'.repeat(32),
        content_type: 'image/png',
        size: 12,
        name: 'receipt.png',
        uploaded_by: 'ann',
        created_at: 5,
      };
      await store.approvals.insertFile(row);
      await store.approvals.insertFile({ ...row, name: 'again.png', uploaded_by: 'mia' });
      expect(await store.approvals.file(row.id)).toEqual(row);
      expect(await store.approvals.file('c3'.repeat(32))).toBeNull();
    });
  });
}
