import { describe, expect, it } from 'vitest';
import type { RerouteAction } from '../../../../shared/approvals/reroute.js';
import { currentApprovers, type RequestState } from '../../../../shared/approvals/state.js';
import { rerouteOf } from '../../../../sync-server/src/approvals/approval-reroute.js';
import { act, ccStep, code, run, step, submit } from './request-fixture.js';
import { orgChart } from './org-fixture.js';

const A = { kind: 'approve' } as const;
const gone = (from: string, to: string): RerouteAction => ({
  kind: 'reroute',
  from,
  to,
  via: [{ kind: 'deactivated', for: from }],
});
const ok = (state: RequestState, action: RerouteAction): RequestState => {
  const applied = act(state, action, 'relay');
  if ('refused' in applied) throw new Error(applied.refused.code);
  return applied.ok;
};
const ids = (state: RequestState) =>
  state.route.map((s) => (s.kind === 'approve' ? s.approvers.map((a) => a.id) : s.recipients));

describe('[APPR80] places that move while a request is open', () => {
  it('[APPR82] moves undecided places only, by the relay only, never to the submitter', () => {
    const route = [step('m', 'sequential', 'mgr'), step('f', 'all', 'fh1', 'fh2')];
    const state = run([submit(route), 'dev'], [A, 'mgr'], [A, 'fh1']);
    expect(code(act(state, gone('fh2', 'boss'), 'mgr'))).toBe('relay_only');
    expect(code(act(state, A, 'relay'))).toBe('relay_only');
    expect(code(act(state, gone('fh1', 'boss'), 'relay'))).toBe('not_an_approver');
    expect(code(act(state, gone('mgr', 'boss'), 'relay'))).toBe('not_an_approver');
    expect(code(act(state, gone('fh2', 'dev'), 'relay'))).toBe('bad_target');
    const forged = { ...gone('fh2', 'boss'), via: [{ kind: 'delegate' as const, for: 'fh1' }] };
    expect(code(act(state, forged, 'relay'))).toBe('malformed');
    const moved = ok(state, gone('fh2', 'boss'));
    expect(currentApprovers(moved)).toEqual(['boss']);
    expect(moved.approved).toEqual([['mgr'], ['fh1']]);
    const place = moved.route[1]?.kind === 'approve' ? moved.route[1].approvers[1] : undefined;
    expect(place).toEqual({ id: 'boss', via: [{ kind: 'deactivated', for: 'fh2' }] });
    expect(moved.participants).toContain('boss');
    expect(
      code(
        act(run([submit(route), 'dev'], [{ kind: 'withdraw' }, 'dev']), gone('mgr', 'x'), 'relay'),
      ),
    ).toBe('not_pending');
  });

  it('[APPR82] a place going to someone on the step already is removed; the step may complete', () => {
    const state = run(
      [submit([step('f', 'all', 'fh1', 'fh2'), step('z', 'any', 'z')]), 'dev'],
      [A, 'fh1'],
    );
    const moved = ok(state, gone('fh2', 'fh1'));
    expect(ids(moved)).toEqual([['fh1'], ['z']]);
    expect(currentApprovers(moved)).toEqual(['z']);
  });

  it('[APPR82] the same approver twice in a row decides once, before and after the moved place', () => {
    // mgr approved step 0; fin leaves and mgr is their manager: step 1 is dropped, CC passed.
    const route = [
      step('m', 'sequential', 'mgr'),
      step('f', 'sequential', 'fin'),
      ccStep('c', 'hr'),
    ];
    const after = ok(run([submit(route), 'dev'], [A, 'mgr']), gone('fin', 'mgr'));
    expect(after).toMatchObject({ status: 'approved', cc: ['hr'] });
    // A later step where the new approver already stands: they decide at the first.
    const ahead = [step('m', 'sequential', 'mgr'), step('f', 'sequential', 'cfo', 'ceo')];
    const moved = ok(run([submit(ahead), 'dev']), gone('mgr', 'cfo'));
    expect(ids(moved)).toEqual([['cfo'], ['ceo']]);
    expect(currentApprovers(moved)).toEqual(['cfo']);
  });

  it('[APPR81] the relay picks the manager, the delegate, or an admin, and says why', () => {
    const at = '2025-03-10T12:00:00.000Z';
    const chart = orgChart((o) => {
      for (const p of o.people) {
        if (p.id === 'wh') Object.assign(p, { active: false, managerId: 'dev' });
        if (p.id === 'fh1') p.active = false;
      }
      o.delegations.push({
        personId: 'ceo',
        delegateId: 'admin1',
        from: '2025-03-01',
        until: '2025-04-01',
      });
    });
    const state = run([
      submit([step('m', 'sequential', 'wh'), step('f', 'all', 'fh1', 'fh2')]),
      'dev',
    ]);
    // wh's manager is the submitter: an admin decides instead.
    expect(rerouteOf(state, 'wh', chart, at)).toEqual({
      kind: 'reroute',
      from: 'wh',
      to: 'ceo',
      via: [{ kind: 'deactivated', for: 'wh' }, { kind: 'fallbackAdmin' }],
    });
    // fh1's manager ceo is away: their delegate takes the place, both reasons kept.
    expect(rerouteOf(state, 'fh1', chart, at)).toMatchObject({
      to: 'admin1',
      via: [
        { kind: 'deactivated', for: 'fh1' },
        { kind: 'delegate', for: 'ceo' },
      ],
    });
    expect(rerouteOf(state, 'fh1', chart, '2025-05-10T12:00:00.000Z')?.to).toBe('ceo');
    expect(rerouteOf(state, 'fh2', chart, at)).toBeNull();
  });
});
