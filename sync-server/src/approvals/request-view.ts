import type { RequestSummary } from '../../../shared/api/approvals.js';
import type { ApprovalLog } from '../../../shared/approvals/log.js';
import { peopleAhead } from '../../../shared/approvals/reroute.js';
import { currentApprovers, type RequestState } from '../../../shared/approvals/state.js';
import type { RequestPersonRow, RequestRow } from '../auth/identity/identity-store.js';

/**
 * What the box queries read, recomputed from the log's own state after every append
 * [APPR36]: the row is a cache of the log, never anything a client sent.
 */
export function requestRow(
  log: ApprovalLog & { state: RequestState },
  templateName: string,
): RequestRow {
  const { state } = log;
  return {
    id: state.requestId,
    template_id: state.templateId,
    template_version: state.templateVersion,
    template_name: templateName,
    submitter_id: state.submitterId,
    status: state.status,
    current_approvers: JSON.stringify(currentApprovers(state)),
    submitted_at: state.submittedAt,
    updated_at: state.updatedAt,
    entries: log.entries.length,
  };
}

/** Who is on the request and why: the box a request shows in for each person. */
export function requestPeople(
  log: ApprovalLog & { state: RequestState },
): Omit<RequestPersonRow, 'request_id'>[] {
  const { state } = log;
  const rows: Omit<RequestPersonRow, 'request_id'>[] = [];
  const add = (ids: Iterable<string>, role: RequestPersonRow['role']) => {
    for (const user_id of new Set(ids)) rows.push({ user_id, role });
  };
  add([state.submitterId, ...state.participants, ...state.cc], 'viewer');
  add([state.submitterId], 'submitter');
  add(currentApprovers(state), 'current');
  add(
    log.entries.filter((e) => e.kind === 'approve').map((e) => e.actor),
    'approved',
  );
  add(state.cc, 'cc');
  add(peopleAhead(state), 'ahead');
  return rows;
}

export function summaryOf(row: RequestRow): RequestSummary {
  return {
    id: row.id,
    templateId: row.template_id,
    templateVersion: row.template_version,
    templateName: row.template_name,
    submitterId: row.submitter_id,
    status: row.status as RequestSummary['status'],
    currentApprovers: JSON.parse(row.current_approvers) as string[],
    submittedAt: row.submitted_at,
    updatedAt: row.updated_at,
    entries: row.entries,
  };
}
