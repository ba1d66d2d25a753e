import { z } from 'zod';
import { Attachment, FormValues } from './form.js';
import { applyReroute, currentComplete, RELAY_ACTOR, RerouteAction } from './reroute.js';
import { RouteStep } from './route.js';

/**
 * The approval state machine (APPROVALS.md [APPR11]–[APPR22]): what a request's log
 * means, entry by entry. The relay runs it before signing an entry; a device runs it
 * again while verifying a log, so an entry the machine refuses breaks the log even
 * if it is signed.
 */

const Comment = z.string().max(10_000).optional();
const Files = z.array(Attachment).max(50).optional();

/** The route as recorded: what the relay resolved, never what a device proposes. */
const Submitted = {
  templateId: z.string().min(1),
  templateVersion: z.number().int().nonnegative(),
  form: FormValues,
  route: z.array(RouteStep),
  orgVersion: z.number().int().nonnegative(),
};

export const Action = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('submit'), ...Submitted }).strict(),
  z.object({ kind: z.literal('approve'), comment: Comment, attachments: Files }).strict(),
  z.object({ kind: z.literal('reject'), comment: Comment, attachments: Files }).strict(),
  /** toStep: an earlier approve step's index in the route; absent: back to the submitter. */
  z
    .object({
      kind: z.literal('return'),
      toStep: z.number().int().nonnegative().optional(),
      comment: Comment,
    })
    .strict(),
  z.object({ kind: z.literal('transfer'), to: z.string().min(1), comment: Comment }).strict(),
  z
    .object({
      kind: z.literal('addApprover'),
      personId: z.string().min(1),
      position: z.enum(['before', 'after']),
      comment: Comment,
    })
    .strict(),
  z.object({ kind: z.literal('withdraw'), comment: Comment }).strict(),
  z.object({ kind: z.literal('resubmit'), ...Submitted }).strict(),
  z
    .object({ kind: z.literal('comment'), text: z.string().min(1).max(10_000), attachments: Files })
    .strict(),
  z.object({ kind: z.literal('urge') }).strict(),
  RerouteAction,
]);
export type Action = z.infer<typeof Action>;
export type ActionKind = Action['kind'];
export const ACTION_KINDS = Action.options.map((o) => o.shape.kind.value);

export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'returned' | 'withdrawn';

export type RequestState = {
  requestId: string;
  submitterId: string;
  templateId: string;
  templateVersion: number;
  orgVersion: number;
  form: FormValues;
  /** The live route: transfers and added approvers change it. */
  route: RouteStep[];
  /** Who has approved each route step so far (cc steps: always empty). */
  approved: string[][];
  /** Index of the current approve step; route.length once the request is closed or approved. */
  current: number;
  status: RequestStatus;
  /** An approver approved, rejected or returned since the last submit or resubmit ([APPR18]). */
  decided: boolean;
  /** People CC'd so far (cc steps the request has passed). */
  cc: string[];
  /** Everyone who may comment: the submitter, everyone ever on the route, everyone who acted. */
  participants: string[];
  submittedAt: string;
  updatedAt: string;
};

export const REFUSALS = [
  'already_submitted',
  'not_submitted',
  'already_decided',
  'not_your_turn',
  'not_an_approver',
  'not_submitter',
  'not_on_request',
  'not_pending',
  'not_returned',
  'too_late_to_withdraw',
  'bad_step',
  'bad_target',
  'malformed',
  'relay_only',
] as const;
export type RefusalCode = (typeof REFUSALS)[number];
export type Refusal = { code: RefusalCode; message: string };
export type Applied = { ok: RequestState } | { refused: Refusal };

const refuse = (code: RefusalCode, message: string): Applied => ({ refused: { code, message } });

/** Who may act at the current step now ([APPR12]). */
export function currentApprovers(state: RequestState): string[] {
  const step = state.route[state.current];
  if (state.status !== 'pending' || step?.kind !== 'approve') return [];
  const done = state.approved[state.current] ?? [];
  if (step.mode === 'sequential') {
    const next = step.approvers[done.length];
    return next ? [next.id] : [];
  }
  return step.approvers.map((a) => a.id).filter((id) => !done.includes(id));
}

/** Passes cc steps (recording their recipients) up to the next approve step, or approves. */
function advance(state: RequestState, from: number): void {
  let i = from;
  for (; i < state.route.length; i++) {
    const step = state.route[i];
    if (step?.kind === 'approve') break;
    for (const id of step?.recipients ?? []) if (!state.cc.includes(id)) state.cc.push(id);
  }
  state.current = i;
  if (i === state.route.length) state.status = 'approved';
}

function submission(action: Extract<Action, { kind: 'submit' | 'resubmit' }>) {
  const { templateId, templateVersion, form, route, orgVersion } = structuredClone(action);
  return { templateId, templateVersion, form, route, orgVersion };
}

function addParticipants(state: RequestState, ids: string[]): void {
  for (const id of ids) if (!state.participants.includes(id)) state.participants.push(id);
}

function routePeople(route: RouteStep[]): string[] {
  return route.flatMap((s) => (s.kind === 'approve' ? s.approvers.map((a) => a.id) : s.recipients));
}

function start(state: RequestState): RequestState {
  state.approved = state.route.map(() => []);
  state.status = 'pending';
  state.decided = false;
  addParticipants(state, routePeople(state.route));
  advance(state, 0);
  return state;
}

export function applyAction(
  state: RequestState | null,
  action: Action,
  actor: string,
  meta: { requestId: string; at: string },
): Applied {
  if (action.kind === 'submit') {
    if (state) return refuse('already_submitted', 'this request was submitted already');
    const submitted = submission(action);
    return {
      ok: start({
        requestId: meta.requestId,
        submitterId: actor,
        ...submitted,
        approved: [],
        current: 0,
        status: 'pending',
        decided: false,
        cc: [],
        participants: [actor],
        submittedAt: meta.at,
        updatedAt: meta.at,
      }),
    };
  }
  if (!state) return refuse('not_submitted', 'nothing was submitted yet');
  const next = structuredClone(state);
  next.updatedAt = meta.at;
  const isSubmitter = actor === state.submitterId;
  if ((action.kind === 'reroute') !== (actor === RELAY_ACTOR))
    return refuse('relay_only', 'only the relay moves places, and it only moves places');

  switch (action.kind) {
    case 'reroute': {
      if (state.status !== 'pending')
        return refuse('not_pending', `the request is ${state.status}`);
      const refused = applyReroute(next, action);
      if (refused) return { refused };
      addParticipants(next, [action.to]);
      advance(next, currentComplete(next) ? next.current + 1 : next.current);
      return { ok: next };
    }
    case 'comment':
      if (!state.participants.includes(actor))
        return refuse('not_on_request', 'only people on this request may comment');
      return { ok: next };
    case 'urge':
      if (!isSubmitter) return refuse('not_submitter', 'only the submitter may urge');
      if (state.status !== 'pending')
        return refuse('not_pending', `the request is ${state.status}`);
      return { ok: next };
    case 'withdraw':
      if (!isSubmitter) return refuse('not_submitter', 'only the submitter may withdraw');
      if (state.status !== 'pending' && state.status !== 'returned') {
        return refuse('already_decided', `the request is ${state.status}`);
      }
      if (state.status === 'pending' && state.decided) {
        return refuse('too_late_to_withdraw', 'an approver has decided already');
      }
      next.status = 'withdrawn';
      next.current = next.route.length;
      return { ok: next };
    case 'resubmit': {
      if (!isSubmitter) return refuse('not_submitter', 'only the submitter may resubmit');
      if (state.status !== 'returned')
        return refuse('not_returned', 'only a returned request can be resubmitted');
      return { ok: start(Object.assign(next, submission(action))) };
    }
  }

  // The rest are an approver's decisions at the current step.
  if (state.status !== 'pending')
    return refuse('already_decided', `the request is ${state.status}`);
  if (!currentApprovers(state).includes(actor)) return notNow(state, actor);
  const step = next.route[next.current];
  if (step?.kind !== 'approve') return refuse('bad_step', 'no approve step is current');
  const done = next.approved[next.current] ?? [];
  addParticipants(next, [actor]);

  switch (action.kind) {
    case 'approve': {
      done.push(actor);
      const complete = step.mode === 'any' || done.length === step.approvers.length;
      if (complete) advance(next, next.current + 1);
      next.decided = true;
      return { ok: next };
    }
    case 'reject':
      next.status = 'rejected';
      next.current = next.route.length;
      next.decided = true;
      return { ok: next };
    case 'return': {
      next.decided = true;
      if (action.toStep === undefined) {
        next.status = 'returned';
        return { ok: next };
      }
      const target = state.route[action.toStep];
      if (action.toStep >= state.current || target?.kind !== 'approve') {
        return refuse('bad_step', 'a request can only go back to an earlier approve step');
      }
      for (let i = action.toStep; i < next.approved.length; i++) next.approved[i] = [];
      next.current = action.toStep;
      return { ok: next };
    }
    case 'transfer': {
      const bad = badTarget(state, action.to, step.approvers);
      if (bad) return bad;
      const place = step.approvers.findIndex((a) => a.id === actor);
      step.approvers[place] = { id: action.to, via: [{ kind: 'transferredBy', by: actor }] };
      addParticipants(next, [action.to]);
      return { ok: next };
    }
    case 'addApprover': {
      const bad = badTarget(state, action.personId, step.approvers);
      if (bad) return bad;
      const at = action.position === 'before' ? next.current : next.current + 1;
      next.route.splice(at, 0, {
        kind: 'approve',
        stepId: `${step.stepId}:${action.position}:${action.personId}`,
        mode: 'sequential',
        approvers: [
          { id: action.personId, via: [{ kind: 'addedBy', by: actor, position: action.position }] },
        ],
      });
      next.approved.splice(at, 0, []);
      addParticipants(next, [action.personId]);
      return { ok: next };
    }
  }
}

function badTarget(state: RequestState, target: string, onStep: { id: string }[]): Applied | null {
  if (target === state.submitterId)
    return refuse('bad_target', 'the submitter cannot approve their own request');
  if (onStep.some((a) => a.id === target))
    return refuse('bad_target', 'that person is on this step already');
  return null;
}

/** Why an approver's action is refused when they cannot act now ([APPR12], [APPR22]). */
function notNow(state: RequestState, actor: string): Applied {
  const onStep = (i: number) => {
    const step = state.route[i];
    return step?.kind === 'approve' && step.approvers.some((a) => a.id === actor);
  };
  const earlier = state.route.some((_, i) => i < state.current && onStep(i));
  if (earlier || state.approved[state.current]?.includes(actor)) {
    return refuse('already_decided', 'this step was decided already');
  }
  if (state.route.some((_, i) => onStep(i)))
    return refuse('not_your_turn', 'it is not your turn on this request');
  return refuse('not_an_approver', 'you are not an approver of this request');
}
