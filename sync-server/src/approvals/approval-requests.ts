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
import { validateForm } from '../../../shared/approvals/form.js';
import {
  appendEntry,
  EMPTY_LOG,
  type LogEntry,
  type RelaySigner,
} from '../../../shared/approvals/log.js';
import { RELAY_ACTOR } from '../../../shared/approvals/reroute.js';
import { resolveRoute } from '../../../shared/approvals/route.js';
import type { Action, RequestState } from '../../../shared/approvals/state.js';
import { fail } from '../auth/api-failure.js';
import { newId, type IdentityStore, type UserRow } from '../auth/identity/identity-store.js';
import { rerouteOf } from './approval-reroute.js';
import { checkUploaded } from './attachments.js';
import { notGuest, templateOf } from './approval-templates.js';
import {
  chartOf,
  judge,
  mayRead,
  namesIn,
  readLog,
  replayOf,
  submission,
  usableTemplate,
  viaIds,
  type Log,
} from './request-log.js';
import { refusal } from './refusal.js';
import { requestNotices } from './request-notices.js';
import { requestPeople, requestRow, summaryOf } from './request-view.js';

type Deps = {
  store: IdentityStore;
  now: () => number;
  signer: () => Promise<RelaySigner>;
  /**
   * Checks and counts an urge against the sender's DING budget [APPR37]; throws when
   * over. Called inside the append's transaction, once the log accepted the urge.
   */
  admitUrge: (userId: string) => Promise<void>;
};

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
      await this.record(tx, null, appended, body.actionId, actor.id);
      return { request: summaryOf(row), entry: appended.entry, replayed: false };
    });
  }

  async act(
    actor: UserRow,
    requestId: string,
    { actionId, action }: ActBody,
  ): Promise<ActionResult> {
    const signer = await this.deps.signer();
    return this.deps.store.transaction(async (tx) => {
      const replayed = await replayOf(tx, actor, actionId, requestId);
      if (replayed) return replayed;
      const row = await tx.approvals.lockRequest(requestId);
      if (!row || !(await mayRead(tx, actor, requestId))) throw fail.notFound('request');
      const log = await readLog(tx, requestId);
      const full = await this.fullAction(tx, log.state, action, actor.id);
      const appended = judge(log, requestId, actor.id, this.at(), full, signer);
      // [APPR71] Only an urge the log accepts spends a DING: a refused or replayed one
      // returned above. Over the budget this throws and the transaction writes nothing.
      if (action.kind === 'urge') await this.deps.admitUrge(actor.id);
      const next = requestRow(appended.log, row.template_name);
      await tx.approvals.updateRequest(next);
      await this.record(tx, log.state, appended, actionId, actor.id);
      return { request: summaryOf(next), entry: appended.entry, replayed: false };
    });
  }

  /**
   * [APPR80] Moves the places `personId` still holds on one request to whoever stands in
   * for them now, as an entry by the relay itself. False when there is nothing to move
   * (someone decided meanwhile, another relay moved them first).
   */
  async moveOne(requestId: string, personId: string): Promise<boolean> {
    const signer = await this.deps.signer();
    return this.deps.store.transaction(async (tx) => {
      const row = await tx.approvals.lockRequest(requestId);
      if (!row) return false;
      const log = await readLog(tx, requestId);
      const action = rerouteOf(log.state, personId, await chartOf(tx), this.at());
      if (!action) return false;
      const input = { requestId, actor: RELAY_ACTOR, at: this.at(), action };
      const appended = appendEntry(log, input, signer);
      if ('refused' in appended) return false;
      await tx.approvals.updateRequest(requestRow(appended.ok.log as Log, row.template_name));
      // A receipt like any entry's; random, so no device can take its id first.
      const receipt = `${RELAY_ACTOR}:${newId()}`;
      await this.record(
        tx,
        log.state,
        appended.ok as typeof appended.ok & { log: Log },
        receipt,
        RELAY_ACTOR,
      );
      return true;
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
      const ids = [...log.entries.map((e) => e.actor), ...log.state.participants];
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
    if ('attachments' in action) await checkUploaded(tx, action.attachments ?? []);
    if (action.kind !== 'resubmit') return action;
    // Pinned: a resubmit keeps the template version the request was made with [APPR33].
    const row = await tx.approvals.template(state.templateId, state.templateVersion);
    if (!row) throw new Error(`request ${state.requestId}: its template version is missing`);
    return submission(tx, templateOf(row), action.form, actorId, this.at(), 'resubmit');
  }

  private async record(
    tx: IdentityStore,
    before: RequestState | null,
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
    await tx.approvals.insertNotices(
      requestNotices(before, log.state, entry).map(({ userId, reason }) => ({
        id: newId(),
        user_id: userId,
        request_id: entry.requestId,
        seq: entry.seq,
        reason,
        actor_id: actorId,
        at: this.deps.now(),
        read_at: null,
      })),
    );
  }
}

const BOX_ROLE = {
  toApprove: 'current',
  submitted: 'submitter',
  approved: 'approved',
  cc: 'cc',
} as const;
