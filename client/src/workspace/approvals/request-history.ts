import { z } from 'zod';
import type { RequestDetail, RequestSummary } from '../../../../shared/api/approvals.js';
import { FormValues, Money } from '../../../../shared/approvals/form.js';
import type { PastRequest } from '../../../../shared/approvals/suggest.js';
import type { Template } from '../../../../shared/approvals/template.js';

/**
 * The person's own past requests as this device has seen them (their own submits,
 * their "Submitted by me" box, the requests they opened), kept in localStorage
 * `ws:approvals-history:<user id>` for the private help of the new-request page
 * ([APPR76]). It never leaves the device and is read by no one else: it is what the
 * device already held, in a form the suggestions can read offline.
 */
const KEY = (userId: string) => `ws:approvals-history:${userId}`;
/** Enough for a median per template; the oldest go first. */
const KEEP = 300;

const Stored = z.array(
  z.object({
    requestId: z.string(),
    templateId: z.string(),
    text: z.string(),
    money: Money.nullable(),
    submittedAt: z.number(),
    decidedAt: z.number().nullable(),
  }),
);

export function readHistory(storage: Storage, userId: string): PastRequest[] {
  try {
    const parsed = Stored.safeParse(JSON.parse(storage.getItem(KEY(userId)) ?? '[]'));
    // Unreadable (another version wrote it, or it was edited): start again, lose nothing
    // the relay does not hold.
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/**
 * Adds or updates requests by id: what a newer sighting knows (text and amount from
 * a form, a decision time) fills in; what it does not know keeps the old value.
 */
export function rememberRequests(
  storage: Storage,
  userId: string,
  seen: readonly Partial<PastRequest>[],
): void {
  const byId = new Map(readHistory(storage, userId).map((p) => [p.requestId, p]));
  for (const next of seen) {
    if (!next.requestId || !next.templateId || next.submittedAt === undefined) continue;
    const before = byId.get(next.requestId);
    byId.set(next.requestId, {
      requestId: next.requestId,
      templateId: next.templateId,
      text: next.text || before?.text || '',
      money: next.money ?? before?.money ?? null,
      submittedAt: next.submittedAt,
      decidedAt: next.decidedAt !== undefined ? next.decidedAt : (before?.decidedAt ?? null),
    });
  }
  const kept = [...byId.values()].sort((a, b) => b.submittedAt - a.submittedAt).slice(0, KEEP);
  try {
    storage.setItem(KEY(userId), JSON.stringify(kept));
  } catch {
    // Storage full or disabled: the help simply knows less.
  }
}

/** The words a person wrote (text, long text, choices) and the first amount of a form. */
export function formGist(
  template: Template,
  form: FormValues,
): Pick<PastRequest, 'text' | 'money'> {
  const words: string[] = [];
  let money: PastRequest['money'] = null;
  for (const field of template.fields) {
    const value = form[field.id];
    if (field.type === 'money') {
      const parsed = Money.safeParse(value);
      if (parsed.success && !money) money = parsed.data;
    } else if (field.type === 'text' || field.type === 'longText' || field.type === 'choice') {
      if (typeof value === 'string') words.push(value);
      if (Array.isArray(value)) words.push(...value.filter((v) => typeof v === 'string'));
    }
  }
  return { text: words.join(' ').slice(0, 500), money };
}

const decided = (status: string) => status === 'approved' || status === 'rejected';

/** A row of "Submitted by me": no form, but the decision time (its last change). */
export function pastFromSummary(summary: RequestSummary): Partial<PastRequest> {
  return {
    requestId: summary.id,
    templateId: summary.templateId,
    submittedAt: Date.parse(summary.submittedAt),
    decidedAt: decided(summary.status) ? Date.parse(summary.updatedAt) : null,
  };
}

/** A request opened in full: its latest form, and when its deciding entry was signed. */
export function pastFromDetail(detail: RequestDetail): Partial<PastRequest> {
  const forms = detail.entries.filter((e) => e.kind === 'submit' || e.kind === 'resubmit');
  const form = FormValues.safeParse(forms.at(-1)?.body.form);
  const decision = decided(detail.request.status)
    ? detail.entries.findLast((e) => e.kind === 'approve' || e.kind === 'reject')
    : undefined;
  return {
    ...pastFromSummary(detail.request),
    ...(form.success ? formGist(detail.template, form.data) : {}),
    decidedAt: decision ? Date.parse(decision.at) : null,
  };
}
