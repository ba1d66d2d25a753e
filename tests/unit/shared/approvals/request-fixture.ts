import {
  applyAction,
  type Action,
  type Applied,
  type RequestState,
} from '../../../../shared/approvals/state.js';
import type { RouteStep } from '../../../../shared/approvals/route.js';

export const step = (
  stepId: string,
  mode: 'sequential' | 'all' | 'any',
  ...ids: string[]
): RouteStep => ({
  kind: 'approve',
  stepId,
  mode,
  approvers: ids.map((id) => ({ id, via: [] })),
});
export const ccStep = (stepId: string, ...ids: string[]): RouteStep => ({
  kind: 'cc',
  stepId,
  recipients: ids,
});

export const submit = (
  route: RouteStep[],
  form = {},
  kind: 'submit' | 'resubmit' = 'submit',
): Action => ({ kind, templateId: 'expense', templateVersion: 1, form, route, orgVersion: 7 });

const meta = { requestId: 'r1', at: '2025-03-10T12:00:00.000Z' };

/** Applies actions in order and fails loudly at the first refusal. */
export function run(...steps: [Action, string][]): RequestState {
  let state: RequestState | null = null;
  for (const [action, actor] of steps) {
    const applied = applyAction(state, action, actor, meta);
    if ('refused' in applied)
      throw new Error(`${action.kind} by ${actor}: ${applied.refused.code}`);
    state = applied.ok;
  }
  if (!state) throw new Error('no actions');
  return state;
}

export const act = (state: RequestState | null, action: Action, actor: string): Applied =>
  applyAction(state, action, actor, meta);
export const code = (applied: Applied) => ('refused' in applied ? applied.refused.code : 'ok');
