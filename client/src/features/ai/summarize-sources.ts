/**
 * One summary of chat messages, doc paragraphs or tasks, computed on this device.
 * The extractive method (model/extractive.ts) always runs: it picks the decisions
 * and open questions and works with no model at all. When the relay offers a
 * summarizer (and Settings allow it), the model rewrites the highest-ranked
 * sentences into a short summary, and each sentence it writes is linked back to
 * the messages it most overlaps with, so every line still has its sources.
 */
import {
  linkSentences,
  summarizeExtractive,
  type SourceText,
  type SummarySentence,
} from './model/index.js';

export interface SourcesSummary {
  method: 'model' | 'extractive';
  /** The summarizer's name (method 'model'). */
  model: string | null;
  /** The model's sentences, each linked to its sources (empty for 'extractive'). */
  abstract: SummarySentence[];
  keyPoints: SummarySentence[];
  decisions: SummarySentence[];
  openQuestions: SummarySentence[];
  /** Why the model was not used although one is installed (it failed to start, ...). */
  notice: string | null;
}

export interface Summarizer {
  modelName(): string | null;
  summarize(text: string, maxNewTokens?: number): Promise<string | null>;
}

/** distilbart reads at most 1,024 tokens; about 3,000 characters of English stay under it. */
export const MODEL_INPUT_CHARS = 3000;

/** The text the model reads: the ranked sentences in source order, cut at the limit. */
export function modelInput(
  summary: Pick<SourcesSummary, 'keyPoints' | 'decisions' | 'openQuestions'>,
  sources: readonly SourceText[],
): string {
  const order = new Map(sources.map((s, i) => [s.id, i]));
  const position = (s: SummarySentence) => Math.min(...s.sourceIds.map((id) => order.get(id) ?? 0));
  const picked = [...summary.decisions, ...summary.keyPoints, ...summary.openQuestions]
    .filter((s, i, all) => all.findIndex((o) => o.text === s.text) === i)
    .sort((a, b) => position(a) - position(b));
  let text = '';
  for (const sentence of picked) {
    const next = text === '' ? sentence.text : `${text} ${sentence.text}`;
    if (next.length > MODEL_INPUT_CHARS) break;
    text = next;
  }
  if (text !== '') return text;
  return sources
    .map((s) => s.text)
    .join('\n')
    .slice(0, MODEL_INPUT_CHARS);
}

export async function summarizeSources(
  sources: readonly SourceText[],
  summarizer: Summarizer | null,
  options: { maxSentences?: number } = {},
): Promise<SourcesSummary> {
  const extractive = summarizeExtractive([...sources], { maxSentences: options.maxSentences ?? 5 });
  const base: SourcesSummary = {
    method: 'extractive',
    model: null,
    abstract: [],
    ...extractive,
    notice: null,
  };
  const name = summarizer?.modelName() ?? null;
  if (!summarizer || !name || sources.length === 0) return base;
  try {
    const text = await summarizer.summarize(modelInput(extractive, sources));
    if (!text) return { ...base, notice: `${name} gave no summary; showing the built-in one.` };
    return { ...base, method: 'model', model: name, abstract: linkSentences(text, [...sources]) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ...base, notice: `${name} failed (${reason}); showing the built-in summary.` };
  }
}
