import { describe, expect, it } from 'vitest';
import { currentApprovers } from '../../../../shared/approvals/state.js';
import { act, ccStep, code, run, step, submit } from './request-fixture.js';

const A = { kind: 'approve' } as const;
const ROUTE = [
  ccStep('c0', 'boss'),
  step('m', 'sequential', 'wh', 'eh'),
  step('f', 'all', 'fh1', 'fh2'),
  ccStep('c1', 'hr'),
  step('x', 'any', 'a1', 'a2'),
];

describe('approval state machine', () => {
  it('[APPR11] submit starts at the first approve step, CCs what it passes, and only once', () => {
    const state = run([submit(ROUTE), 'dev']);
    expect(state).toMatchObject({
      status: 'pending',
      current: 1,
      cc: ['boss'],
      submitterId: 'dev',
      orgVersion: 7,
    });
    expect(code(act(state, submit(ROUTE), 'dev'))).toBe('already_submitted');
    expect(code(act(null, A, 'wh'))).toBe('not_submitted');
    expect(run([submit([ccStep('c', 'hr')]), 'dev'])).toMatchObject({
      status: 'approved',
      cc: ['hr'],
    });
  });

  it('[APPR12] [APPR13] sequential in order, all in any order, any by the first; then approved', () => {
    let state = run([submit(ROUTE), 'dev']);
    expect(currentApprovers(state)).toEqual(['wh']);
    expect(code(act(state, A, 'eh'))).toBe('not_your_turn');
    expect(code(act(state, A, 'stranger'))).toBe('not_an_approver');
    state = run([submit(ROUTE), 'dev'], [A, 'wh'], [A, 'eh']);
    expect(currentApprovers(state)).toEqual(['fh1', 'fh2']);
    state = run([submit(ROUTE), 'dev'], [A, 'wh'], [A, 'eh'], [A, 'fh2']);
    expect(code(act(state, A, 'fh2'))).toBe('already_decided');
    state = run([submit(ROUTE), 'dev'], [A, 'wh'], [A, 'eh'], [A, 'fh2'], [A, 'fh1']);
    expect(state).toMatchObject({ current: 4, cc: ['boss', 'hr'], status: 'pending' });
    state = run([submit(ROUTE), 'dev'], [A, 'wh'], [A, 'eh'], [A, 'fh2'], [A, 'fh1'], [A, 'a2']);
    expect(state.status).toBe('approved');
  });

  it('[APPR14] reject closes the request; later decisions are refused as already decided', () => {
    const state = run([submit(ROUTE), 'dev'], [{ kind: 'reject', comment: 'no' }, 'wh']);
    expect(state.status).toBe('rejected');
    expect(code(act(state, A, 'eh'))).toBe('already_decided');
  });

  it('[APPR15] return to the submitter, or to an earlier approve step clearing its approvals; never forward', () => {
    const atFinance = run([submit(ROUTE), 'dev'], [A, 'wh'], [A, 'eh'], [A, 'fh1']);
    const back = run(
      [submit(ROUTE), 'dev'],
      [A, 'wh'],
      [A, 'eh'],
      [A, 'fh1'],
      [{ kind: 'return', toStep: 1 }, 'fh2'],
    );
    expect(back).toMatchObject({ current: 1, approved: [[], [], [], [], []], status: 'pending' });
    expect(currentApprovers(back)).toEqual(['wh']);
    expect(code(act(atFinance, { kind: 'return', toStep: 2 }, 'fh2'))).toBe('bad_step');
    expect(code(act(atFinance, { kind: 'return', toStep: 0 }, 'fh2'))).toBe('bad_step');
    expect(code(act(atFinance, { kind: 'return', toStep: 4 }, 'fh2'))).toBe('bad_step');
    expect(run([submit(ROUTE), 'dev'], [{ kind: 'return' }, 'wh']).status).toBe('returned');
  });

  it("[APPR16] transfer hands the actor's place to another person, never to the submitter or someone on the step", () => {
    const state = run([submit(ROUTE), 'dev'], [{ kind: 'transfer', to: 'deputy' }, 'wh']);
    expect(currentApprovers(state)).toEqual(['deputy']);
    expect(state.route[1]).toMatchObject({
      approvers: [{ id: 'deputy', via: [{ kind: 'transferredBy', by: 'wh' }] }, { id: 'eh' }],
    });
    const before = run([submit(ROUTE), 'dev']);
    expect(code(act(before, { kind: 'transfer', to: 'dev' }, 'wh'))).toBe('bad_target');
    expect(code(act(before, { kind: 'transfer', to: 'eh' }, 'wh'))).toBe('bad_target');
    expect(code(act(before, { kind: 'transfer', to: 'x' }, 'eh'))).toBe('not_your_turn');
  });

  it('[APPR17] add an approver before (they decide first) or after (the actor decides now) oneself', () => {
    const before = run(
      [submit(ROUTE), 'dev'],
      [{ kind: 'addApprover', personId: 'legal', position: 'before' }, 'wh'],
    );
    expect(currentApprovers(before)).toEqual(['legal']);
    const thenWh = run(
      [submit(ROUTE), 'dev'],
      [{ kind: 'addApprover', personId: 'legal', position: 'before' }, 'wh'],
      [A, 'legal'],
    );
    expect(currentApprovers(thenWh)).toEqual(['wh']);
    const after = run(
      [submit(ROUTE), 'dev'],
      [{ kind: 'addApprover', personId: 'legal', position: 'after' }, 'wh'],
      [A, 'wh'],
      [A, 'eh'],
    );
    expect(currentApprovers(after)).toEqual(['legal']);
    expect(
      code(
        act(
          run([submit(ROUTE), 'dev']),
          { kind: 'addApprover', personId: 'dev', position: 'after' },
          'wh',
        ),
      ),
    ).toBe('bad_target');
  });

  it('[APPR18] the submitter withdraws until the first decision, and a returned request', () => {
    const fresh = run([submit(ROUTE), 'dev'], [{ kind: 'transfer', to: 'deputy' }, 'wh']);
    expect(code(act(fresh, { kind: 'withdraw' }, 'wh'))).toBe('not_submitter');
    const withdrawn = act(fresh, { kind: 'withdraw' }, 'dev');
    expect('ok' in withdrawn && withdrawn.ok.status).toBe('withdrawn');
    expect(code(act(run([submit(ROUTE), 'dev'], [A, 'wh']), { kind: 'withdraw' }, 'dev'))).toBe(
      'too_late_to_withdraw',
    );
    expect(
      code(
        act(run([submit(ROUTE), 'dev'], [{ kind: 'return' }, 'wh']), { kind: 'withdraw' }, 'dev'),
      ),
    ).toBe('ok');
    expect(
      code(
        act(run([submit(ROUTE), 'dev'], [{ kind: 'reject' }, 'wh']), { kind: 'withdraw' }, 'dev'),
      ),
    ).toBe('already_decided');
  });

  it('[APPR19] a returned request is resubmitted with the edited form and a new route, starting over', () => {
    const returned = run(
      [submit(ROUTE, { amount: 1 }), 'dev'],
      [A, 'wh'],
      [{ kind: 'return' }, 'eh'],
    );
    const again = run(
      [submit(ROUTE, { amount: 1 }), 'dev'],
      [A, 'wh'],
      [{ kind: 'return' }, 'eh'],
      [submit([step('n', 'any', 'ceo')], { amount: 2 }, 'resubmit'), 'dev'],
    );
    expect(again).toMatchObject({
      status: 'pending',
      current: 0,
      form: { amount: 2 },
      decided: false,
      approved: [[]],
    });
    expect(code(act(returned, submit(ROUTE, {}, 'resubmit'), 'eh'))).toBe('not_submitter');
    expect(code(act(run([submit(ROUTE), 'dev']), submit(ROUTE, {}, 'resubmit'), 'dev'))).toBe(
      'not_returned',
    );
  });

  it('[APPR20] anyone on the request comments, in any status; others cannot', () => {
    const done = run([submit(ROUTE), 'dev'], [{ kind: 'reject' }, 'wh']);
    for (const who of ['dev', 'wh', 'fh2', 'boss', 'hr', 'a1'])
      expect(code(act(done, { kind: 'comment', text: 'hi' }, who))).toBe('ok');
    expect(code(act(done, { kind: 'comment', text: 'hi' }, 'stranger'))).toBe('not_on_request');
  });

  it('[APPR21] only the submitter urges, and only while pending', () => {
    const state = run([submit(ROUTE), 'dev']);
    expect(code(act(state, { kind: 'urge' }, 'dev'))).toBe('ok');
    expect(code(act(state, { kind: 'urge' }, 'wh'))).toBe('not_submitter');
    expect(
      code(act(run([submit(ROUTE), 'dev'], [{ kind: 'reject' }, 'wh']), { kind: 'urge' }, 'dev')),
    ).toBe('not_pending');
  });

  it('[APPR22] [APPR27] two any-step approvers at once: the second is told it was already decided', () => {
    const state = run([submit([step('x', 'any', 'a1', 'a2'), step('y', 'any', 'ceo')]), 'dev']);
    const first = act(state, A, 'a1');
    if (!('ok' in first)) throw new Error('first approval refused');
    expect(code(act(first.ok, A, 'a2'))).toBe('already_decided');
    expect(state.approved).toEqual([[], []]);
  });
});
