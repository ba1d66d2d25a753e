import { describe, expect, it } from 'vitest';
import { resolveRoute, type ResolvedRoute } from '../../../../shared/approvals/route.js';
import type { OrgChart } from '../../../../shared/org/org-chart.js';
import { approve, cc, deactivate, NOW, orgChart, template } from './org-fixture.js';
import type { ApproverSource, FlowStep } from '../../../../shared/approvals/template.js';
import type { FormValues } from '../../../../shared/approvals/form.js';

const EUR = (amount: number) => ({ amount, currency: 'EUR' });

function route(
  flow: FlowStep[],
  opts: { form?: FormValues; by?: string; org?: OrgChart; now?: string } = {},
) {
  return resolveRoute(
    template(flow),
    opts.form ?? { amount: EUR(100) },
    opts.by ?? 'dev',
    opts.org ?? orgChart(),
    opts.now ?? NOW,
  );
}

/** Each step as "mode:id,id" (approve) or "cc:id,id", for short assertions. */
const shape = (resolved: ResolvedRoute) =>
  resolved.route.map((s) =>
    s.kind === 'cc'
      ? `cc:${s.recipients.join(',')}`
      : `${s.mode}:${s.approvers.map((a) => a.id).join(',')}`,
  );

describe('approval routes', () => {
  it('[APPR3] a manager chain walks up from the submitter, nearest first, and stops at the top', () => {
    expect(
      shape(route([approve('m', 'sequential', [{ kind: 'manager', levels: 3, chain: true }])])),
    ).toEqual(['sequential:wh,eh,ceo']);
    expect(
      shape(route([approve('m', 'sequential', [{ kind: 'manager', levels: 9, chain: true }])])),
    ).toEqual(['sequential:wh,eh,ceo']);
    expect(
      shape(route([approve('m', 'any', [{ kind: 'manager', levels: 2, chain: false }])])),
    ).toEqual(['any:eh']);
  });

  it('[APPR3] department heads N levels up from the primary department, and the heads of a department chosen in the form', () => {
    const head = (levels: number) =>
      shape(route([approve('h', 'all', [{ kind: 'departmentHead', levels }])]));
    expect([head(0), head(1), head(2)]).toEqual([['all:wh'], ['all:eh'], ['all:ceo']]);
    const chosen = route([approve('f', 'all', [{ kind: 'fieldDepartmentHead', field: 'dept' }])], {
      form: { amount: EUR(1), dept: 'fin' },
    });
    expect(shape(chosen)).toEqual(['all:fh1,fh2']);
  });

  it('[APPR3] named people, a role and a person chosen by the submitter; cc steps resolve alike', () => {
    const resolved = route(
      [
        approve('a', 'sequential', [{ kind: 'people', ids: ['fh2', 'fh1'] }]),
        approve('b', 'any', [{ kind: 'role', role: 'owner' }]),
        cc('c', [{ kind: 'fieldPerson', field: 'reviewer' }]),
      ],
      { form: { amount: EUR(1), reviewer: 'dev2' } },
    );
    expect(shape(resolved)).toEqual(['sequential:fh2,fh1', 'any:ceo', 'cc:dev2']);
  });

  it('[APPR4] an amount over the threshold adds the finance step; below it the step is skipped as a condition', () => {
    const flow = [
      approve('manager', 'sequential', [{ kind: 'manager', levels: 1, chain: false }]),
      approve('finance', 'all', [{ kind: 'people', ids: ['fh1', 'fh2'] }], {
        kind: 'compare',
        field: 'amount',
        op: 'gt',
        value: 100_000,
        currency: 'EUR',
      }),
    ];
    expect(shape(route(flow, { form: { amount: EUR(100_001) } }))).toEqual([
      'sequential:wh',
      'all:fh1,fh2',
    ]);
    const small = route(flow, { form: { amount: EUR(100_000) } });
    expect(shape(small)).toEqual(['sequential:wh']);
    expect(small.skipped).toEqual([{ stepId: 'finance', reason: 'condition' }]);
    // Another currency cannot be compared: the step is kept, never skipped.
    expect(shape(route(flow, { form: { amount: { amount: 5, currency: 'USD' } } }))).toEqual([
      'sequential:wh',
      'all:fh1,fh2',
    ]);
  });

  it('[APPR4] conditions on the submitter department (and its ancestors), on choices, and all/any/not', () => {
    const step = (when: Parameters<typeof approve>[3]) =>
      shape(route([approve('x', 'any', [{ kind: 'people', ids: ['ceo'] }], when)]));
    expect(step({ kind: 'submitterIn', departmentIds: ['eng'] })).toEqual(['any:ceo']);
    expect(step({ kind: 'submitterIn', departmentIds: ['fin'] })).toEqual([]);
    expect(
      shape(
        route(
          [
            approve('x', 'any', [{ kind: 'people', ids: ['ceo'] }], {
              kind: 'choice',
              field: 'kind',
              anyOf: ['travel'],
            }),
          ],
          { form: { amount: EUR(1), kind: 'travel' } },
        ),
      ),
    ).toEqual(['any:ceo']);
    expect(step({ kind: 'choice', field: 'kind', anyOf: ['travel'] })).toEqual([]);
    const big = { kind: 'compare', field: 'amount', op: 'gte', value: 100 } as const;
    expect(
      step({ kind: 'all', of: [big, { kind: 'submitterIn', departmentIds: ['web'] }] }),
    ).toEqual(['any:ceo']);
    expect(
      step({
        kind: 'any',
        of: [
          { kind: 'not', of: big },
          { kind: 'submitterIn', departmentIds: ['fin'] },
        ],
      }),
    ).toEqual([]);
  });

  it('[APPR5] a step that finds nobody goes to any one admin or owner (never the submitter)', () => {
    const resolved = route(
      [approve('h', 'all', [{ kind: 'fieldDepartmentHead', field: 'dept' }])],
      { form: { amount: EUR(1), dept: 'empty' } },
    );
    expect(resolved.route).toEqual([
      {
        kind: 'approve',
        stepId: 'h',
        mode: 'any',
        approvers: [
          { id: 'ceo', via: [{ kind: 'fallbackAdmin' }] },
          { id: 'admin1', via: [{ kind: 'fallbackAdmin' }] },
        ],
      },
    ]);
    expect(
      shape(route([approve('m', 'all', [{ kind: 'manager', levels: 5, chain: false }])])),
    ).toEqual(['any:ceo,admin1']);
    expect(
      shape(route([approve('m', 'all', [{ kind: 'people', ids: ['nobody'] }])], { by: 'admin1' })),
    ).toEqual(['any:ceo']);
  });

  it('[APPR6] the submitter is removed from their own steps; a step left empty by that is skipped, and no steps means approved', () => {
    const resolved = route(
      [
        approve('h', 'all', [{ kind: 'departmentHead', levels: 0 }]),
        approve('f', 'all', [{ kind: 'people', ids: ['wh', 'fh1'] }]),
      ],
      { by: 'wh' },
    );
    expect(shape(resolved)).toEqual(['all:fh1']);
    expect(resolved.skipped).toEqual([{ stepId: 'h', reason: 'submitter' }]);
    const ownerOnly = orgChart((org) => deactivate(org, 'admin1'));
    expect(
      route([approve('x', 'any', [{ kind: 'people', ids: ['gone'] }])], {
        by: 'ceo',
        org: ownerOnly,
      }).skipped,
    ).toEqual([{ stepId: 'x', reason: 'submitter' }]);
  });

  it('[APPR7] a deactivated approver is replaced by their manager, up the chain; nobody active up it means an admin', () => {
    const org = orgChart((o) => deactivate(o, 'wh'));
    const resolved = route(
      [approve('m', 'sequential', [{ kind: 'manager', levels: 1, chain: false }])],
      { org },
    );
    expect(resolved.route[0]).toMatchObject({
      approvers: [{ id: 'eh', via: [{ kind: 'deactivated', for: 'wh' }] }],
    });
    const deeper = orgChart((o) => deactivate(o, 'wh', 'eh'));
    expect(
      shape(
        route([approve('m', 'sequential', [{ kind: 'manager', levels: 1, chain: false }])], {
          org: deeper,
        }),
      ),
    ).toEqual(['sequential:ceo']);
    // A chain whose two lower managers left decides once, by the first active one.
    expect(
      shape(
        route([approve('m', 'sequential', [{ kind: 'manager', levels: 3, chain: true }])], {
          org: deeper,
        }),
      ),
    ).toEqual(['sequential:ceo']);
    const top = orgChart((o) => deactivate(o, 'fh1', 'ceo'));
    expect(
      shape(route([approve('f', 'all', [{ kind: 'people', ids: ['fh1'] }])], { org: top })),
    ).toEqual(['any:admin1']);
  });

  it('[APPR8] the same approver twice in a row decides once, across cc steps', () => {
    const twice = route([
      approve('m', 'sequential', [{ kind: 'manager', levels: 1, chain: false }]),
      cc('c', [{ kind: 'people', ids: ['dev2'] }]),
      approve('h', 'all', [{ kind: 'departmentHead', levels: 0 }]),
    ]);
    expect(shape(twice)).toEqual(['sequential:wh', 'cc:dev2']);
    expect(twice.skipped).toEqual([{ stepId: 'h', reason: 'decidedBefore' }]);
    const fin: ApproverSource = { kind: 'people', ids: ['fh1', 'fh2'] };
    // After an all-step, an any-step holding one of its people is done already.
    expect(
      shape(
        route([
          approve('a', 'all', [fin]),
          approve('b', 'any', [{ kind: 'people', ids: ['fh1', 'ceo'] }]),
        ]),
      ),
    ).toEqual(['all:fh1,fh2']);
    // After an any-step with two people nobody is certain to have decided.
    expect(
      shape(
        route([
          approve('a', 'any', [fin]),
          approve('b', 'all', [{ kind: 'people', ids: ['fh1', 'ceo'] }]),
        ]),
      ),
    ).toEqual(['any:fh1,fh2', 'all:fh1,ceo']);
    // Only the certain people drop out of an all-step.
    expect(
      shape(
        route([
          approve('a', 'all', [fin]),
          approve('b', 'all', [{ kind: 'people', ids: ['fh1', 'ceo'] }]),
        ]),
      ),
    ).toEqual(['all:fh1,fh2', 'all:ceo']);
  });

  it("[APPR9] while a delegation window is open a person's steps go to their delegate, following chains", () => {
    const flow = [approve('m', 'sequential', [{ kind: 'manager', levels: 1, chain: false }])];
    const org = orgChart((o) =>
      o.delegations.push({
        personId: 'wh',
        delegateId: 'dev2',
        from: '2025-03-01',
        until: '2025-03-15',
      }),
    );
    const who = (now: string, chart = org) => route(flow, { org: chart, now }).route[0];
    expect(who('2025-02-28T23:59:59.999Z')).toMatchObject({ approvers: [{ id: 'wh', via: [] }] });
    expect(who('2025-03-01T00:00:00.000Z')).toMatchObject({
      approvers: [{ id: 'dev2', via: [{ kind: 'delegate', for: 'wh' }] }],
    });
    expect(who('2025-03-15T00:00:00.000Z')).toMatchObject({ approvers: [{ id: 'wh', via: [] }] });
    const chained = orgChart((o) => {
      o.delegations.push({
        personId: 'wh',
        delegateId: 'dev2',
        from: '2025-03-01',
        until: '2025-03-15',
      });
      o.delegations.push({
        personId: 'dev2',
        delegateId: 'eh',
        from: '2025-03-01',
        until: '2025-03-15',
      });
    });
    expect(who(NOW, chained)).toMatchObject({
      approvers: [{ id: 'eh', via: [{ for: 'wh' }, { for: 'dev2' }] }],
    });
    const gone = orgChart((o) => {
      o.delegations.push({
        personId: 'wh',
        delegateId: 'dev2',
        from: '2025-03-01',
        until: '2025-03-15',
      });
      deactivate(o, 'dev2');
    });
    expect(who(NOW, gone)).toMatchObject({ approvers: [{ id: 'wh', via: [] }] });
    // Delegating to the submitter skips the step rather than letting them approve their own.
    const toSelf = orgChart((o) =>
      o.delegations.push({
        personId: 'wh',
        delegateId: 'dev',
        from: '2025-03-01',
        until: '2025-03-15',
      }),
    );
    expect(route(flow, { org: toSelf }).skipped).toEqual([{ stepId: 'm', reason: 'submitter' }]);
  });

  it('[APPR10] the same inputs give the same route and the inputs are left as they were', () => {
    const org = orgChart();
    const frozen = structuredClone(org);
    const flow = [
      approve('m', 'sequential', [{ kind: 'manager', levels: 3, chain: true }]),
      approve('f', 'all', [{ kind: 'fieldDepartmentHead', field: 'dept' }]),
    ];
    const form = { amount: EUR(5), dept: 'fin' };
    expect(route(flow, { org, form })).toEqual(route(flow, { org, form }));
    expect(org).toEqual(frozen);
  });
});
