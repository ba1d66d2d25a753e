import { describe, expect, it } from 'vitest';
import { requestNotices } from '../../../../sync-server/src/approvals/request-notices.js';
import type { Action } from '../../../../shared/approvals/state.js';
import { run, step, submit } from '../../shared/approvals/request-fixture.js';

describe('[APPR70] notices of transfers and comments', () => {
  const submitted: [Action, string] = [
    submit([step('mgr', 'sequential', 'mia'), step('fin', 'all', 'fay')]),
    'ann',
  ];

  it('a transfer tells the person it makes an approver, as transferred', () => {
    const before = run(submitted);
    const transfer: Action = { kind: 'transfer', to: 'tom' };
    const after = run(submitted, [transfer, 'mia']);
    expect(requestNotices(before, after, { kind: 'transfer', actor: 'mia' })).toEqual([
      { userId: 'tom', reason: 'transferred' },
    ]);
  });

  it('a comment tells the submitter and the current approvers, never the commenter', () => {
    const state = run(submitted);
    const entry = (actor: string) => ({ kind: 'comment' as const, actor });
    expect(requestNotices(state, state, entry('mia'))).toEqual([
      { userId: 'ann', reason: 'commented' },
    ]);
    expect(requestNotices(state, state, entry('ann'))).toEqual([
      { userId: 'mia', reason: 'commented' },
    ]);
  });
});
