import type { FormValues, Money } from './form.js';
import type { ReadText } from './request-text.js';
import { wordsOf } from './request-text.js';
import type { Field, Template } from './template.js';

/**
 * Private smart help for a new request (APPROVALS.md [APPR72]–[APPR75]), computed on
 * the device from templates and the person's own past requests that it already
 * holds; pure, so nothing here can reach the network. Rules, not a model: they are
 * explainable ("your usual is 38 EUR") and need no download.
 */

/** One of the person's own past requests, as the device remembers it. */
export interface PastRequest {
  requestId: string;
  templateId: string;
  /** What the person wrote in its text fields, for matching words. */
  text: string;
  /** Its first money value, if any. */
  money: Money | null;
  submittedAt: number;
  /** When it was approved or rejected; null while open, returned or withdrawn. */
  decidedAt: number | null;
}

export interface TemplateMatch {
  templateId: string;
  score: number;
}

/** The fewest past requests a warning or an estimate rests on. */
export const MIN_HISTORY = 3;
/** How far from the usual amount a warning starts: more than 3×, or less than a third. */
export const FAR_FACTOR = 3;
const DAY_MS = 86_400_000;

const STOP = new Set(
  'a an and at by for from in into of on or the to with my our me we you it is be this that was new request'.split(
    ' ',
  ),
);

/** Equal words, or one the start of the other when both have 4 letters or more (taxi, taxis). */
const sameWord = (a: string, b: string) =>
  a === b || (Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a)));

function fieldWords(field: Field): string[] {
  const parts = [field.label, field.help ?? ''];
  if (field.type === 'choice') parts.push(...field.options);
  if (field.type === 'table') parts.push(...field.columns.map((c) => c.label));
  return wordsOf(parts.join(' '));
}

/**
 * [APPR72] Templates ranked by the words of the text found in their name (weighing
 * 3), in the person's past requests made with them (2), or in their field labels,
 * help and options (1); each word of the text counts once, at its best weight, and
 * an amount in the text adds 0.5 to templates with a money field. `best` is the top
 * template only when it scores above every other; a tie is ambiguous (null) and the
 * person chooses among `ranked`.
 */
export function suggestTemplates(
  read: ReadText,
  templates: readonly Template[],
  past: readonly PastRequest[],
): { best: string | null; ranked: TemplateMatch[] } {
  const query = [...new Set(read.words.filter((w) => !STOP.has(w)))];
  const ranked = templates
    .map((template) => {
      const sources: [number, string[]][] = [
        [3, wordsOf(template.name)],
        [2, past.filter((p) => p.templateId === template.id).flatMap((p) => wordsOf(p.text))],
        [1, template.fields.flatMap(fieldWords)],
      ];
      let score = 0;
      for (const word of query) {
        const weight = sources.find(([, words]) => words.some((w) => sameWord(w, word)))?.[0];
        score += weight ?? 0;
      }
      if (read.money && template.fields.some((f) => f.type === 'money')) score += 0.5;
      return { templateId: template.id, score };
    })
    .filter((m) => m.score >= 1)
    .sort((a, b) => b.score - a.score);
  const [first, second] = ranked;
  const best = first && (!second || first.score > second.score) ? first.templateId : null;
  return { best, ranked };
}

/** What an embedder reads of a template: its name, then its fields' labels and help. */
export function templateText(template: Template): string {
  return [template.name, ...template.fields.map((f) => [f.label, f.help].join(' '))].join('. ');
}

/** How much meaning weighs against the words: a perfect match counts as a named template. */
const MEANING_WEIGHT = 3;

/**
 * [APPR77] With an on-device embedder: each template's score from the words plus
 * MEANING_WEIGHT times the similarity (dot product of unit vectors, negative as 0)
 * of its text to the description; the same threshold and `best` rule as the words
 * alone. A template without a vector keeps its words' score.
 */
export function rankWithMeaning(
  read: ReadText,
  templates: readonly Template[],
  past: readonly PastRequest[],
  query: Float32Array,
  vectors: ReadonlyMap<string, Float32Array>,
): { best: string | null; ranked: TemplateMatch[] } {
  const words = new Map(
    suggestTemplates(read, templates, past).ranked.map((m) => [m.templateId, m.score]),
  );
  const ranked = templates
    .map((t) => {
      const vector = vectors.get(t.id);
      let similarity = 0;
      if (vector) for (let i = 0; i < query.length; i++) similarity += query[i]! * (vector[i] ?? 0);
      return {
        templateId: t.id,
        score: (words.get(t.id) ?? 0) + MEANING_WEIGHT * Math.max(0, similarity),
      };
    })
    .filter((m) => m.score >= 1)
    .sort((a, b) => b.score - a.score);
  const [first, second] = ranked;
  return {
    best: first && (!second || first.score > second.score) ? first.templateId : null,
    ranked,
  };
}

const REASON_LABEL = /reason|purpose|what for|why|description|describe|details|note|comment/i;

/**
 * [APPR73] Form values read from the text for a template: the amount into its first
 * money field that takes that currency, days into its date fields in order (a range
 * takes two, or one day twice), the reason into the text field labelled like a
 * reason (else the first text field). Only fields the text speaks to are filled.
 */
export function prefillForm(template: Template, read: ReadText): FormValues {
  const form: FormValues = {};
  const days = [...read.dates];
  const money = read.money;
  const moneyField = template.fields.find(
    (f) => f.type === 'money' && !!money && f.currencies.includes(money.currency),
  );
  if (moneyField && money) form[moneyField.id] = { ...money };
  for (const field of template.fields) {
    if (days.length === 0) break;
    if (field.type === 'date') form[field.id] = days.shift()!;
    if (field.type === 'dateRange') {
      const [from, to = from] = days.splice(0, 2).sort() as [string, string?];
      form[field.id] = { from, to };
    }
  }
  const texts = template.fields.filter((f) => f.type === 'text' || f.type === 'longText');
  const reasonField = texts.find((f) => REASON_LABEL.test(f.label)) ?? texts[0];
  if (reasonField && read.reason) {
    const max = reasonField.type === 'text' ? reasonField.maxLength : undefined;
    form[reasonField.id] = max ? read.reason.slice(0, max) : read.reason;
  }
  return form;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export type AmountWarning = {
  direction: 'above' | 'below';
  /** The median of the person's past amounts for this template, minor units. */
  usual: number;
  currency: string;
  /** How many past requests the median is of. */
  from: number;
};

/**
 * [APPR74] A warning when an amount is far from the person's own usual for the
 * template: more than FAR_FACTOR times, or less than 1/FAR_FACTOR of, the median of
 * their past amounts in that currency, when there are at least MIN_HISTORY of them.
 */
export function amountWarning(
  money: Money | null,
  templateId: string,
  past: readonly PastRequest[],
): AmountWarning | null {
  if (!money || money.amount <= 0) return null;
  const amounts = past
    .filter((p) => p.templateId === templateId && p.money?.currency === money.currency)
    .map((p) => p.money!.amount);
  if (amounts.length < MIN_HISTORY) return null;
  const usual = median(amounts);
  const base = { usual, currency: money.currency, from: amounts.length };
  if (money.amount > usual * FAR_FACTOR) return { direction: 'above', ...base };
  if (money.amount * FAR_FACTOR < usual) return { direction: 'below', ...base };
  return null;
}

/**
 * [APPR75] How long the person's decided requests with this template took, submit to
 * approval or rejection: the median, in whole days (at least 1), from at least
 * MIN_HISTORY of them; null with fewer.
 */
export function decisionEstimate(
  templateId: string,
  past: readonly PastRequest[],
): { days: number; from: number } | null {
  const took = past
    .filter((p) => p.templateId === templateId && p.decidedAt !== null)
    .map((p) => p.decidedAt! - p.submittedAt);
  if (took.length < MIN_HISTORY) return null;
  return { days: Math.max(1, Math.round(median(took) / DAY_MS)), from: took.length };
}
