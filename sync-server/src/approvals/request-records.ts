import { stringify } from 'csv-stringify/sync';
import type { CycleTimes } from '../../../shared/api/approval-records.js';
import type { FormValues } from '../../../shared/approvals/form.js';
import type { LogEntry } from '../../../shared/approvals/log.js';
import type { RequestState } from '../../../shared/approvals/state.js';
import type { Field, Template } from '../../../shared/approvals/template.js';

/**
 * The records of requests as plain data (APPROVALS.md [APPR64]–[APPR67]): one CSV row
 * per request with its form flattened, and per-template cycle times. Pure: the
 * caller reads the logs (already replayed) and passes names in.
 */

export type RequestRecord = {
  entries: readonly LogEntry[];
  state: RequestState;
  template: Template;
  templateName: string;
};

export type Names = { person: (id: string) => string; department: (id: string) => string };

const CLOSED = new Set(['approved', 'rejected', 'withdrawn']);

/**
 * [APPR65] The entry that closed the request (approved, rejected, withdrawn); null while
 * open. Once closed, the state machine allows only comments ([APPR14], [APPR18],
 * [APPR20], [APPR21]), so it is the last entry that is not one: no need to run the
 * machine again over a log the caller already replayed.
 */
export function closingEntry(
  entries: readonly Pick<LogEntry, 'kind' | 'at'>[],
  status: string,
): Pick<LogEntry, 'kind' | 'at'> | null {
  if (!CLOSED.has(status)) return null;
  return entries.findLast((e) => e.kind !== 'comment') ?? null;
}

const DECIDED = { approve: 'approved', reject: 'rejected', return: 'returned' } as const;

/**
 * [APPR67] A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage
 * return that some of them skip before looking) gets a leading apostrophe: exports
 * hold what submitters typed, and `=HYPERLINK(...)` or `=cmd|...` opened by an admin in
 * a spreadsheet must stay text. OWASP's advice; csv-stringify only quotes.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Minor-unit digits from the platform's ICU data (EUR 2, JPY 0); the client has its own copy. */
const digitsByCurrency = new Map<string, number>();
function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    // Kept: building a NumberFormat costs more than the rest of a CSV row.
    if (digitsByCurrency.size < 500) digitsByCurrency.set(currency, digits);
  }
  return digits;
}

function money(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  return `${(amount / 10 ** digits).toFixed(digits)} ${currency}`;
}

/** One value as text; a table is summarised ("3 rows; Amount 120.00 EUR"). */
function cellOf(field: Field, value: unknown, names: Names): string {
  if (value === undefined || value === null || value === '') return '';
  const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : [v]);
  switch (field.type) {
    case 'money': {
      const m = value as { amount: number; currency: string };
      return money(m.amount, m.currency);
    }
    case 'dateRange': {
      const r = value as { from: string; to: string };
      return `${r.from}/${r.to}`;
    }
    case 'choice':
      return list(value).map(String).join('; ');
    case 'person':
      return list(value)
        .map((id) => names.person(String(id)))
        .join('; ');
    case 'department':
      return list(value)
        .map((id) => names.department(String(id)))
        .join('; ');
    case 'attachment':
      return list(value)
        .map((f) => (f as { name: string }).name)
        .join('; ');
    case 'table': {
      const rows = list(value) as Record<string, unknown>[];
      const totals = field.columns.flatMap((column) => {
        if (column.type === 'number') {
          const sum = rows.reduce(
            (s, r) => s + (typeof r[column.id] === 'number' ? (r[column.id] as number) : 0),
            0,
          );
          return [`${column.label} ${sum}`];
        }
        if (column.type !== 'money') return [];
        const byCurrency = new Map<string, number>();
        for (const r of rows) {
          const m = r[column.id] as { amount?: number; currency?: string } | null | undefined;
          if (m?.currency && typeof m.amount === 'number')
            byCurrency.set(m.currency, (byCurrency.get(m.currency) ?? 0) + m.amount);
        }
        return [...byCurrency].map(([currency, sum]) => `${column.label} ${money(sum, currency)}`);
      });
      return [`${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`, ...totals].join('; ');
    }
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

const FIXED = [
  'id',
  'template',
  'template version',
  'submitter',
  'submitted at',
  'state',
  'decided at',
  'current step',
  'approvers who decided',
];

/**
 * [APPR64] The CSV: fixed columns, then one per form field of the templates in the
 * export (by template and field id, in template order; prefixed with the template's
 * name when the export holds several templates).
 */
export function requestsCsv(records: readonly RequestRecord[], names: Names): string {
  const columns = new Map<string, { header: string; templateId: string; field: Field }>();
  const templateIds = new Set(records.map((r) => r.template.id));
  for (const { template, templateName } of records)
    for (const field of template.fields) {
      const key = `${template.id}\u0000${field.id}`;
      if (columns.has(key)) continue;
      const header = templateIds.size > 1 ? `${templateName}: ${field.label}` : field.label;
      columns.set(key, { header, templateId: template.id, field });
    }
  const rows = records.map((record) => {
    const { state, entries, template } = record;
    const closing = closingEntry(entries, state.status);
    const step = state.status === 'pending' ? state.route[state.current] : undefined;
    const flowStep = step && template.flow.find((s) => s.id === step.stepId);
    const deciders = entries.flatMap((e) =>
      e.kind === 'approve' || e.kind === 'reject' || e.kind === 'return'
        ? [`${names.person(e.actor)} (${DECIDED[e.kind]})`]
        : [],
    );
    const form: FormValues = state.form;
    return [
      state.requestId,
      record.templateName,
      String(state.templateVersion),
      names.person(state.submitterId),
      state.submittedAt,
      state.status,
      closing && state.status !== 'withdrawn' ? closing.at : '',
      step ? (flowStep?.name ?? (flowStep ? step.stepId : 'added approver')) : '',
      deciders.join('; '),
      ...[...columns.values()].map((c) =>
        c.templateId === template.id ? cellOf(c.field, form[c.field.id], names) : '',
      ),
    ].map(safeCell);
  });
  const header = [...FIXED, ...[...columns.values()].map((c) => c.header)].map(safeCell);
  // A BOM so spreadsheets read the file as UTF-8 (names, currencies, comments).
  return stringify([header, ...rows], { bom: true });
}

/** [APPR66] Linear interpolation between closest ranks (R-7, a spreadsheet's PERCENTILE.INC). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const lowValue = sorted[low]!;
  const highValue = sorted[Math.min(low + 1, sorted.length - 1)]!;
  return lowValue + (highValue - lowValue) * (rank - low);
}

/** What cycle times need of a request: read from the relay's rows and raw log, not replayed. */
export type CycleItem = {
  templateId: string;
  templateName: string;
  status: string;
  submittedAt: string;
  /** The decision's time ([APPR65]); null while open or when withdrawn. */
  decidedAt: string | null;
};

/** [APPR66] Per template, never per person: counts by outcome and time to decision. */
export function cycleTimes(items: readonly CycleItem[]): CycleTimes[] {
  const byTemplate = new Map<string, { name: string; items: CycleItem[] }>();
  for (const item of items) {
    const group = byTemplate.get(item.templateId) ?? { name: item.templateName, items: [] };
    group.items.push(item);
    byTemplate.set(item.templateId, group);
  }
  return [...byTemplate].map(([templateId, { name, items }]) => {
    const count = (status: string) => items.filter((r) => r.status === status).length;
    const durations = items
      .flatMap((r) =>
        r.decidedAt && (r.status === 'approved' || r.status === 'rejected')
          ? [Date.parse(r.decidedAt) - Date.parse(r.submittedAt)]
          : [],
      )
      .sort((a, b) => a - b);
    const closed = count('approved') + count('rejected') + count('withdrawn');
    return {
      templateId,
      templateName: name,
      requests: items.length,
      open: items.length - closed,
      approved: count('approved'),
      rejected: count('rejected'),
      withdrawn: count('withdrawn'),
      medianMs: percentile(durations, 0.5),
      p90Ms: percentile(durations, 0.9),
    };
  });
}
