import type { ActionResult } from '../../../shared/api/approvals.js';
import { validateForm, type FormValues } from '../../../shared/approvals/form.js';
import {
  appendEntry,
  replayLog,
  type ApprovalLog,
  type LogEntry,
  type RelaySigner,
} from '../../../shared/approvals/log.js';
import { resolveRoute } from '../../../shared/approvals/route.js';
import type { Action, RequestState } from '../../../shared/approvals/state.js';
import type { OrgChart } from '../../../shared/org/org-chart.js';
import { isAdmin } from '../auth/accounts.js';
import { fail } from '../auth/api-failure.js';
import type { IdentityStore, UserRow } from '../auth/identity/identity-store.js';
import { orgChartOf } from '../org/org-chart-view.js';
import { loadOrgState } from '../org/org-rules.js';
import { templateOf } from './approval-templates.js';
import { checkUploaded, formAttachments } from './attachments.js';
import { refusal } from './refusal.js';
import { summaryOf } from './request-view.js';

/**
 * The steps of one append, each run inside the caller's transaction (`tx`): the
 * receipt check, the read access check, the stored log replayed, the action judged
 * and signed, and the submission the relay builds from a form.
 */

export type Log = ApprovalLog & { state: RequestState };

/** [APPR35] The first answer again for a retried action id; null for a new one. */
export async function replayOf(
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

export async function mayRead(
  tx: IdentityStore,
  viewer: UserRow,
  requestId: string,
): Promise<boolean> {
  if (viewer.role === 'guest') return false;
  return isAdmin(viewer) || tx.approvals.isOn(requestId, viewer.id);
}

export async function readLog(tx: IdentityStore, requestId: string): Promise<Log> {
  const raw = await tx.approvals.log(requestId);
  const replayed = replayLog(raw.map((text) => JSON.parse(text) as unknown));
  // The relay's own rows no longer chain: say so rather than sign on top of them.
  if ('broken' in replayed || !replayed.ok.state)
    throw new Error(`request ${requestId}: its stored log does not replay`);
  return replayed.ok as Log;
}

export function judge(
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

export async function usableTemplate(tx: IdentityStore, templateId: string) {
  const row = await tx.approvals.template(templateId);
  if (!row) throw fail.notFound('template');
  if (row.archived === 1)
    throw fail.conflict('this template is archived and takes no new requests');
  return templateOf(row);
}

export async function chartOf(tx: IdentityStore): Promise<OrgChart> {
  return orgChartOf(await loadOrgState(tx), await tx.org.version());
}

/** [APPR34] Validates the form against the chart and resolves the route from it. */
export async function submission(
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
  await checkUploaded(tx, formAttachments(template, form));
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

export function viaIds(via: { kind: string; for?: string; by?: string }[]): string[] {
  return via.flatMap((v) => [v.for, v.by].filter((id): id is string => id !== undefined));
}

export function namesIn(org: OrgChart, ids: Iterable<string>): Record<string, string> {
  const byId = new Map(org.people.map((p) => [p.id, p.name]));
  const names: Record<string, string> = {};
  for (const id of ids) names[id] = byId.get(id) ?? id;
  return names;
}
