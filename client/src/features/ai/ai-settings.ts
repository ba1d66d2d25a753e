/**
 * Which AI features run on this device, and whether they may use the installed
 * models. A per-device preference in localStorage (AI_SETTINGS_KEY); every feature
 * is on by default and works without a model (extractive summaries, keyword search).
 */
import { z } from 'zod';

export const AI_SETTINGS_KEY = 'ai.settings';

export const AiFeature = z.enum(['catchUp', 'docSummary', 'briefing', 'semanticSearch']);
export type AiFeature = z.infer<typeof AiFeature>;

export const AiSettings = z.object({
  features: z
    .object({
      catchUp: z.boolean().default(true),
      docSummary: z.boolean().default(true),
      briefing: z.boolean().default(true),
      semanticSearch: z.boolean().default(true),
    })
    .default({ catchUp: true, docSummary: true, briefing: true, semanticSearch: true }),
  /**
   * Use the relay's summarizer / embedder / transcriber when installed (off: built-in
   * methods only; no transcripts, notes only).
   */
  useModels: z
    .object({
      summarizer: z.boolean().default(true),
      embedder: z.boolean().default(true),
      transcriber: z.boolean().default(true),
    })
    .default({ summarizer: true, embedder: true, transcriber: true }),
});
export type AiSettings = z.infer<typeof AiSettings>;

export const FEATURE_LABELS: Record<AiFeature, { title: string; detail: string }> = {
  catchUp: {
    title: 'Catch me up',
    detail: 'Summaries of channels and threads since you last read',
  },
  docSummary: {
    title: 'Doc TL;DR',
    detail: 'Summaries of docs and of their changes since a version',
  },
  briefing: {
    title: 'Daily briefing',
    detail: 'Your tasks, mentions, DINGs and followed docs on Home',
  },
  semanticSearch: {
    title: 'Search by meaning',
    detail: 'Finds chat, docs and tasks with related words',
  },
};

/** Unreadable or outdated settings fall back to the defaults (everything on). */
export function readAiSettings(storage: Pick<Storage, 'getItem'>): AiSettings {
  let raw: unknown = {};
  try {
    raw = JSON.parse(storage.getItem(AI_SETTINGS_KEY) ?? '{}');
  } catch {
    // corrupt: defaults
  }
  const parsed = AiSettings.safeParse(raw);
  return parsed.success ? parsed.data : AiSettings.parse({});
}

export function writeAiSettings(storage: Pick<Storage, 'setItem'>, settings: AiSettings): void {
  storage.setItem(AI_SETTINGS_KEY, JSON.stringify(settings));
}
