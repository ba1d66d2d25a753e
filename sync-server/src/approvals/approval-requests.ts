import type {
  ActBody,
  ActionResult,
  ApprovalCount,
  ClientAction,
  PreviewBody,
  RequestDetail,
  RequestList,
  RequestListQuery,
  RoutePreview,
  SubmitBody,
} from '../../../shared/api/approvals.js';
import { validateForm, type FormValues } from '../../../shared/approvals/form.js';
import type { LogEntry } from '../../../shared/approvals/log.js';
import {
  appendEntry,
  EMPTY_LOG,
  replayLog,
  type ApprovalLog,
  type RelaySigner,
} from '../../../shared/approvals/log.js';
import { resolveRoute } from '../../../shared/approvals/route.js';
import type { Action, RequestState } from '../../../shared/approvals/state.js';
import type { OrgChart } from '../../../shared/org/org-chart.js';
import { isAdmin } from '../auth/accounts.js';
import { fail } from '../auth/api-failure.js';
import { newId, type IdentityStore, type UserRow } from '../auth/identity/identity-store.js';
import { orgChartOf } from '../org/org-chart-view.js';
import { loadOrgState } from '../org/org-rules.js';
import { notGuest, templateOf } from './approval-templates.js';
import { refusal } from './refusal.js';
import { requestPeople, requestRow, summaryOf } from './request-view.js';

type Deps = {
  store: IdentityStore;
  now: () => number;
  signer: () => Promise<RelaySigner>;
  /** Checks and counts an urge against the sender's DING budget [APPR37]; throws when over. */
  admitUrge: (userId: string) => Promise<void>;
};

type Log = ApprovalLog & { state: RequestState };

/**
 * Requests and their signed logs (APPROVALS.md [APPR26]–[APPR37]). Every append reads
 * the log, judges the action with the core's appendEntry and writes the entry, the
 * recomputed request row, its people and the action's receipt in ONE transaction on
 * the locked request row, so two appends to one request never interleave, on one
 * relay or several [APPR27]. The actor is always the signed-in person [APPR32].
 */
export class ApprovalRequests {
  constructor(private readonly deps: Deps) {}

  async preview(viewer: UserRow, { templateId, form }: PreviewBody): Promise<RoutePreview> {
    notGuest(viewer);
    return this.deps.store.transaction(async (tx) => {
      const template = await usableTemplate(tx, templateId);
      const org = await chartOf(tx);
      const checked = validateForm(template, form, org);
      const resolved = resolveRoute(template, form, viewer.id, org, this.at());
      const ids = resolved.route.flatMap((s) =>
        s.kind === 'approve' ? s.approvers.flatMap((a) => [a.id, ...viaIds(a.via)]) : s.recipients,
      );
      return {
        templateVersion: template.version,
        orgVersion: org.version,
        ...resolved,
        people: namesIn(org, [viewer.id, ...ids]),
        formErrors: 'errors' in checked ? checked.errors : [],
      };
    });
  }

  async submit(actor: UserRow, body: SubmitBody): Promise<ActionResult> {
    notGuest(actor);
    const signer = await this.deps.signer();
    return this.deps.store.transaction(async (tx) => {
      const replayed = await replayOf(tx, actor, body.actionId, null);
      if (replayed) return replayed;
      const template = await usableTemplate(tx, body.templateId);
      const action = await submission(tx, template, body.form, actor.id, this.at(), 'submit');
      const requestId = newId();
      const appended = judge(EMPTY_LOG, requestId, actor.id, this.at(), action, signer);
      const row = requestRow(appended.log, template.name);
      await tx.approvals.insertRequest(row);
      await this.record(tx, appended, body.actionId, actor.id);
      return { request: summaryOf(row), entry: appended.entry, replayed: false };
    });
  }

  async act(
    actor: UserRow,
    requestId: string,
    { actionId, action }: ActBody,
  ): Promise<ActionResult> {
    if (action.kind === 'urge') await this.deps.admitUrge(actor.id);
    const signer = await this.deps.signer();
    return this.deps.store.transaction(async (tx) => {
      const replayed = await replayOf(tx, actor, actionId, requestId);
      if (replayed) return replayed;
      const row = await tx.approvals.lockRequest(requestId);
      if (!row || !(await mayRead(tx, actor, requestId))) throw fail.notFound('request');
      const log = await readLog(tx, requestId);
      const full = await this.fullAction(tx, log.state, action, actor.id);
      const appended = judge(log, requestId, actor.id, this.at(), full, signer);
      const next = requestRow(appended.log, row.template_name);
      await tx.approvals.updateRequest(next);
      await this.record(tx, appended, actionId, actor.id);
      return { request: summaryOf(next), entry: appended.entry, replayed: false };
    });
  }

  async detail(viewer: UserRow, requestId: string): Promise<RequestDetail> {
    return this.deps.store.transaction(async (tx) => {
      const row = await tx.approvals.request(requestId);
      if (!row || !(await mayRead(tx, viewer, requestId))) throw fail.notFound('request');
      const log = await readLog(tx, requestId);
      const template = await tx.approvals.template(row.template_id, row.template_version);
      if (!template) throw new Error(`request ${requestId}: its template version is missing`);
      const org = await chartOf(tx);
      const ids = log.entries.flatMap((e) => [e.actor, ...log.state.participants]);
      return {
        request: summaryOf(row),
        entries: [...log.entries],
        template: templateOf(template),
        people: namesIn(org, [...ids, ...log.state.cc]),
      };
    });
  }

  async list(viewer: UserRow, query: RequestListQuery): Promise<RequestList> {
    notGuest(viewer);
    const [updatedAt, id] = query.before?.split('|') ?? [];
    const rows = await this.deps.store.approvals.box({
      userId: viewer.id,
      role: BOX_ROLE[query.box],
      limit: query.limit,
      before: updatedAt && id ? { updatedAt, id } : undefined,
    });
    const requests = rows.map(summaryOf);
    const last = rows.at(-1);
    const org = await this.deps.store.transaction(chartOf);
    return {
      requests,
      people: namesIn(
        org,
        requests.flatMap((r) => [r.submitterId, ...r.currentApprovers]),
      ),
      nextBefore: last && rows.length === query.limit ? `${last.updated_at}|${last.id}` : null,
    };
  }

  async count(viewer: UserRow): Promise<ApprovalCount> {
    notGuest(viewer);
    return { toApprove: await this.deps.store.approvals.count(viewer.id, 'current') };
  }

  private at(): string {
    return new Date(this.deps.now()).toISOString();
  }

  /** The action as the log records it: a resubmit gets the route the relay resolves now. */
  private async fullAction(
    tx: IdentityStore,
    state: RequestState,
    action: ClientAction,
    actorId: string,
  ): Promise<Action> {
    if (action.kind === 'transfer' || action.kind === 'addApprover') {
      const target = action.kind === 'transfer' ? action.to : action.personId;
      const person = await tx.people.byId(target);
      // [APPR16] the relay's part: only an active member can be given a place.
      if (!person || person.active !== 1 || person.role === 'guest')
        throw refusal({ code: 'bad_target', message: 'choose an active member of the workspace' });
    }
    if (action.kind !== 'resubmit') return action;
    // Pinned: a resubmit keeps the template version the request was made with [APPR33].
    const row = await tx.approvals.template(state.templateId, state.templateVersion);
    if (!row) throw new Error(`request ${state.requestId}: its template version is missing`);
    return submission(tx, templateOf(row), action.form, actorId, this.at(), 'resubmit');
  }

  private async record(
    tx: IdentityStore,
    appended: { log: Log; entry: LogEntry },
    actionId: string,
    actorId: string,
  ): Promise<void> {
    const { entry, log } = appended;
    await tx.approvals.appendLog(entry.requestId, entry.seq, JSON.stringify(entry));
    await tx.approvals.setPeople(entry.requestId, requestPeople(log));
    await tx.approvals.insertReceipt({
      action_id: actionId,
      actor_id: actorId,
      request_id: entry.requestId,
      seq: entry.seq,
      created_at: this.deps.now(),
    });
  }
}

const BOX_ROLE = {
  toApprove: 'current',
  submitted: 'submitter',
  approved: 'approved',
  cc: 'cc',
} as const;

/** [APPR35] The first answer again for a retried action id; null for a new one. */
async function replayOf(
  tx: IdentityStore,
  actor: UserRow,
  actionId: string,
  requestId: string | null,
): Promise<ActionResult | null> {
  const receipt = await tx.approvals.receipt(actionId);
  if (!receipt) return null;
  if (receipt.actor_id !== actor.id || (requestId !== null && receipt.request_id !== requestId))
    throw fail.conflict('this action id was already used for another action; send a new one');
  const row = await tx.approvals.request(receipt.request_id);
  const log = await readLog(tx, receipt.request_id);
  const entry = log.entries[receipt.seq];
  if (!row || !entry) throw new Error(`receipt ${actionId} names an entry that is missing`);
  return { request: summaryOf(row), entry, replayed: true };
}

async function mayRead(tx: IdentityStore, viewer: UserRow, requestId: string): Promise<boolean> {
  if (viewer.role === 'guest') return false;
  return isAdmin(viewer) || tx.approvals.isOn(requestId, viewer.id);
}

async function readLog(tx: IdentityStore, requestId: string): Promise<Log> {
  const raw = await tx.approvals.log(requestId);
  const replayed = replayLog(raw.map((text) => JSON.parse(text) as unknown));
  // The relay's own rows no longer chain: say so rather than sign on top of them.
  if ('broken' in replayed || !replayed.ok.state)
    throw new Error(`request ${requestId}: its stored log does not replay`);
  return replayed.ok as Log;
}

function judge(
  log: ApprovalLog,
  requestId: string,
  actor: string,
  at: string,
  action: Action,
  signer: RelaySigner,
): { log: Log; entry: LogEntry } {
  const appended = appendEntry(log, { requestId, actor, at, action }, signer);
  if ('refused' in appended) throw refusal(appended.refused);
  return appended.ok as { log: Log; entry: LogEntry };
}

async function usableTemplate(tx: IdentityStore, templateId: string) {
  const row = await tx.approvals.template(templateId);
  if (!row) throw fail.notFound('template');
  if (row.archived === 1)
    throw fail.conflict('this template is archived and takes no new requests');
  return templateOf(row);
}

async function chartOf(tx: IdentityStore): Promise<OrgChart> {
  return orgChartOf(await loadOrgState(tx), await tx.org.version());
}

/** [APPR34] Validates the form against the chart and resolves the route from it. */
async function submission(
  tx: IdentityStore,
  template: ReturnType<typeof templateOf>,
  form: FormValues,
  submitterId: string,
  at: string,
  kind: 'submit' | 'resubmit',
): Promise<Action> {
  const org = await chartOf(tx);
  const checked = validateForm(template, form, org);
  if ('errors' in checked)
    throw fail.invalid(checked.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  const { route } = resolveRoute(template, form, submitterId, org, at);
  return {
    kind,
    templateId: template.id,
    templateVersion: template.version,
    form,
    route,
    orgVersion: org.version,
  };
}

function viaIds(via: { kind: string; for?: string; by?: string }[]): string[] {
  return via.flatMap((v) => [v.for, v.by].filter((id): id is string => id !== undefined));
}

function namesIn(org: OrgChart, ids: Iterable<string>): Record<string, string> {
  const byId = new Map(org.people.map((p) => [p.id, p.name]));
  const names: Record<string, string> = {};
  for (const id of ids) names[id] = byId.get(id) ?? id;
  return names;
}
