/**
 * The models the operator put in MODELS_DIR, for the on-device AI (README, "AI
 * models"). The relay never runs them: it lists them and serves their files to
 * signed-in browsers, which run them in a Web Worker.
 *
 * A model is a folder in the Transformers.js layout (config.json, tokenizer files,
 * onnx/*.onnx), directly under MODELS_DIR or one level deeper (`Xenova/name`). An
 * optional MODELS_DIR/models.json (written by scripts/fetch-models.sh) adds the
 * role, dtype and where the files came from; without it they are inferred.
 */
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { ModelInfo } from '../../../shared/api/schemas.js';
import { ModelRole } from '../../../shared/api/schemas.js';

const ManifestEntry = z.object({
  name: z.string(),
  role: ModelRole.optional(),
  dtype: z.string().optional(),
  source: z.string().optional(),
});
const Manifest = z.union([
  z.array(ManifestEntry),
  z.object({ models: z.array(ManifestEntry) }).transform((m) => m.models),
]);
type ManifestEntry = z.infer<typeof ManifestEntry>;

/** Folder and file names the relay refuses to list or serve (dot files, the manifest). */
const HIDDEN = /(^|\/)\./;

function stat(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Every file under `dir`, as paths relative to `dir` with forward slashes. */
function filesUnder(dir: string, base = dir): { path: string; bytes: number }[] {
  const out: { path: string; bytes: number }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full, base));
    else if (entry.isFile())
      out.push({ path: relative(base, full).split(sep).join('/'), bytes: stat(full)?.size ?? 0 });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Whisper-family configs transcribe; other encoder-decoders summarize; encoder-only ones embed. */
function inferRole(config: unknown): ModelRole {
  const c = (config ?? {}) as {
    model_type?: string;
    is_encoder_decoder?: boolean;
    architectures?: string[];
  };
  // Checked first: Whisper is an encoder-decoder too.
  if (/whisper/i.test(c.model_type ?? '')) return 'transcriber';
  if ((c.architectures ?? []).some((a) => /SpeechSeq2Seq|Whisper/.test(a))) return 'transcriber';
  if (c.is_encoder_decoder) return 'summarizer';
  if ((c.architectures ?? []).some((a) => /ConditionalGeneration|Seq2Seq/.test(a)))
    return 'summarizer';
  return 'embedder';
}

/** fp32 unless only quantized weights are there. */
function inferDtype(files: { path: string }[]): string {
  const onnx = files.filter((f) => f.path.startsWith('onnx/')).map((f) => f.path);
  if (onnx.some((p) => /^onnx\/(model|encoder_model)\.onnx$/.test(p))) return 'fp32';
  if (onnx.some((p) => /_quantized\.onnx$/.test(p))) return 'q8';
  return 'fp32';
}

export class ModelStore {
  readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  /** The installed models, read from disk on each call (the operator may add some live). */
  list(): ModelInfo[] {
    if (!stat(this.root)?.isDirectory()) return [];
    const manifest = Manifest.safeParse(readJson(join(this.root, 'models.json')));
    const entries = new Map<string, ManifestEntry>(
      (manifest.success ? manifest.data : []).map((e) => [e.name, e]),
    );
    const models: ModelInfo[] = [];
    for (const name of this.modelFolders()) {
      const dir = join(this.root, name);
      const files = filesUnder(dir);
      if (!files.some((f) => f.path.endsWith('.onnx'))) continue;
      const entry = entries.get(name);
      models.push({
        name,
        role: entry?.role ?? inferRole(readJson(join(dir, 'config.json'))),
        dtype: entry?.dtype ?? inferDtype(files),
        source: entry?.source ?? null,
        bytes: files.reduce((sum, f) => sum + f.bytes, 0),
        files,
      });
    }
    return models;
  }

  /**
   * The absolute path of a file inside a model folder, or null for anything that
   * is not one (missing, a directory, a dot file, outside MODELS_DIR).
   */
  resolveFile(path: string): string | null {
    if (HIDDEN.test(path) || path.includes('\\') || path.includes('\0')) return null;
    const full = resolve(this.root, path);
    if (!full.startsWith(this.root + sep)) return null;
    const rel = relative(this.root, full).split(sep).join('/');
    if (rel === 'models.json') return null;
    return stat(full)?.isFile() ? full : null;
  }

  private modelFolders(): string[] {
    const out: string[] = [];
    const visit = (dir: string, depth: number) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
        const full = join(dir, entry.name);
        if (stat(join(full, 'config.json'))?.isFile())
          out.push(relative(this.root, full).split(sep).join('/'));
        else if (depth < 1) visit(full, depth + 1);
      }
    };
    visit(this.root, 0);
    return out.sort();
  }
}
