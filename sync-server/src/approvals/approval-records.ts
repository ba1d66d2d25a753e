import { strToU8, zipSync } from 'fflate';
import type { CycleTimeList, RecordsQuery } from '../../../shared/api/approval-records.js';
import type { LogEntry, RelaySigner } from '../../../shared/approvals/log.js';
import { makeProofBundle, type ProofBundle } from '../../../shared/approvals/proof-bundle.js';
import type { Template } from '../../../shared/approvals/template.js';
import type { OrgChart } from '../../../shared/org/org-chart.js';
import { isAdmin } from '../auth/accounts.js';
import { fail } from '../auth/api-failure.js';
import type { IdentityStore, RequestRow, UserRow } from '../auth/identity/identity-store.js';
import { notGuest, templateOf } from './approval-templates.js';
import { chartOf, mayRead, namesIn, readLog, type Log } from './request-log.js';
import {
  closingEntry,
  cycleTimes,
  requestsCsv,
  type CycleItem,
  type Names,
  type RequestRecord,
} from './request-records.js';

type Deps = { store: IdentityStore; now: () => number; signer: () => Promise<RelaySigner> };

/**
 * Records of requests (APPROVALS.md [APPR60]–[APPR68]): a proof bundle per request,
 * CSV (and for admins ZIP) exports, and per-template cycle times. All of it is read
 * from the stored logs, replayed as at every append, never from the box rows alone.
 * Reads run outside a transaction: on SQLite one would hold the write lock for the
 * whole export, and each log read is consistent on its own (logs only grow).
 */
export class ApprovalRecords {
  constructor(private readonly deps: Deps) {}

  /** [APPR60] Only for people who may read the request; anyone else gets the same 404. */
  async proof(viewer: UserRow, requestId: string): Promise<ProofBundle> {
    const { store } = this.deps;
    const row = await store.approvals.request(requestId);
    if (!row || !(await mayRead(store, viewer, requestId))) throw fail.notFound('request');
    const [log, org, signer] = await Promise.all([
      readLog(store, requestId),
      store.transaction(chartOf),
      this.deps.signer(),
    ]);
    return this.bundleOf(log, await this.template(row), org, signer);
  }

  /** [APPR64] Admins: every request; everyone else: those they submitted or decided. */
  async csv(viewer: UserRow, query: RecordsQuery): Promise<string> {
    notGuest(viewer);
    const { records, org } = await this.records(viewer, query);
    await this.audit(viewer, 'csv', query, records.length);
    return requestsCsv(records, namesOf(org));
  }

  /** [APPR68] The CSV and one proof bundle per request, in one ZIP; admins only. */
  async zip(viewer: UserRow, query: RecordsQuery): Promise<Uint8Array> {
    adminOnly(viewer);
    const { records, org } = await this.records(viewer, query);
    await this.audit(viewer, 'zip', query, records.length);
    const signer = await this.deps.signer();
    const files: Record<string, Uint8Array> = {
      'requests.csv': strToU8(requestsCsv(records, namesOf(org))),
    };
    for (const r of records)
      files[`proofs/${r.state.requestId}.json`] = strToU8(
        JSON.stringify(this.bundleOf(r, r.template, org, signer), null, 2),
      );
    return zipSync(files);
  }

  /** [APPR66] Admins only, per template, never per person. */
  async cycleTimes(viewer: UserRow, query: RecordsQuery): Promise<CycleTimeList> {
    adminOnly(viewer);
    const rows = await this.deps.store.approvals.records(rowsQuery(query));
    const items: CycleItem[] = [];
    for (const [i, row] of rows.entries()) {
      if (i % YIELD_EVERY === 0) await yieldToEventLoop();
      // The relay's own rows, trusted as replayLog trusts them (no signatures): only the
      // times of the first and the closing entry are needed, not a replay.
      const entries =
        row.status === 'approved' || row.status === 'rejected'
          ? (await this.deps.store.approvals.log(row.id)).map(
              (text) => JSON.parse(text) as Pick<LogEntry, 'kind' | 'at'>,
            )
          : [];
      items.push({
        templateId: row.template_id,
        templateName: row.template_name,
        status: row.status,
        submittedAt: row.submitted_at,
        decidedAt: closingEntry(entries, row.status)?.at ?? null,
      });
    }
    const templates = cycleTimes(items).sort((a, b) =>
      a.templateName.localeCompare(b.templateName),
    );
    return { templates };
  }

  /** Exports leave the relay with everyone's form values: who took what is on record. */
  private audit(viewer: UserRow, format: 'csv' | 'zip', query: RecordsQuery, requests: number) {
    return this.deps.store.audit.append({
      at: this.deps.now(),
      actorId: viewer.id,
      action: 'approvals.export',
      target: query.templateId ?? null,
      details: { format, scope: isAdmin(viewer) ? 'all' : 'own', ...query, requests },
    });
  }

  private bundleOf(
    log: Log | RequestRecord,
    template: Template,
    org: OrgChart,
    signer: RelaySigner,
  ) {
    const { state, entries } = log;
    const ids = [...entries.map((e) => e.actor), ...state.participants, ...state.cc];
    return makeProofBundle({
      requestId: state.requestId,
      entries,
      template,
      people: namesIn(org, ids),
      exportedAt: new Date(this.deps.now()).toISOString(),
      signer,
    });
  }

  private readonly templates = new Map<string, Promise<Template>>();
  private template(row: RequestRow): Promise<Template> {
    const key = `${row.template_id}\u0000${row.template_version}`;
    let found = this.templates.get(key);
    if (!found) {
      // Template versions never change [APPR33], so they may be kept for the relay's life.
      found = this.deps.store.approvals
        .template(row.template_id, row.template_version)
        .then((t) => {
          if (!t) throw new Error(`request ${row.id}: its template version is missing`);
          return templateOf(t);
        });
      found.catch(() => this.templates.delete(key));
      this.templates.set(key, found);
    }
    return found;
  }

  private async records(viewer: UserRow, query: RecordsQuery) {
    const { store } = this.deps;
    const own = !isAdmin(viewer);
    const rows = await store.approvals.records({
      ...rowsQuery(query),
      userId: own ? viewer.id : undefined,
    });
    const records: RequestRecord[] = [];
    for (const [i, row] of rows.entries()) {
      if (i % YIELD_EVERY === 0) await yieldToEventLoop();
      const log = await readLog(store, row.id);
      if (own && !submittedOrDecided(log, viewer.id)) continue;
      records.push({ ...log, template: await this.template(row), templateName: row.template_name });
    }
    return { records, org: await store.transaction(chartOf) };
  }
}

/**
 * Replaying a log costs about a quarter of a millisecond an entry (bench/approval-records.ts):
 * a large export gives the event loop back every so often so sync traffic goes on.
 */
const YIELD_EVERY = 50;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function rowsQuery(query: RecordsQuery) {
  return {
    templateId: query.templateId,
    from: query.from && `${query.from}T00:00:00.000Z`,
    to: query.to && nextDay(query.to),
  };
}

function submittedOrDecided(log: Log, userId: string): boolean {
  return (
    log.state.submitterId === userId ||
    log.entries.some(
      (e) =>
        e.actor === userId && (e.kind === 'approve' || e.kind === 'reject' || e.kind === 'return'),
    )
  );
}

/** The end of an inclusive day range: the next day's midnight, UTC. */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
}

function namesOf(org: OrgChart): Names {
  const people = new Map(org.people.map((p) => [p.id, p.name]));
  const departments = new Map(org.departments.map((d) => [d.id, d.name]));
  return {
    person: (id) => people.get(id) ?? id,
    department: (id) => departments.get(id) ?? id,
  };
}

function adminOnly(viewer: UserRow): void {
  if (!isAdmin(viewer)) throw fail.forbidden('only admins can see all requests and their figures');
}
