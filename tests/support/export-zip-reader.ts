import { createHash } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { ExportManifest } from '../../shared/model/export/export-layout.js';

/** An export unpacked with fflate, as a person's unzip tool would see it. */
export interface UnpackedExport {
  files: Record<string, Uint8Array>;
  manifest: ExportManifest;
  text(path: string): string;
  json<T = unknown>(path: string): T;
  /** The one path matching `pattern`; fails when there is none or more than one. */
  find(pattern: RegExp): string;
  /** Every entry with a SHA-256 other than the manifest says. */
  corrupt(): string[];
}

export function unpackExport(zip: Uint8Array): UnpackedExport {
  const files = unzipSync(zip);
  const text = (path: string) => {
    const bytes = files[path];
    if (!bytes)
      throw new Error(`no ${path} in the export; it has ${Object.keys(files).join(', ')}`);
    return strFromU8(bytes);
  };
  const manifest = ExportManifest.parse(JSON.parse(text('manifest.json')));
  return {
    files,
    manifest,
    text,
    json: <T>(path: string) => JSON.parse(text(path)) as T,
    find(pattern) {
      const found = Object.keys(files).filter((p) => pattern.test(p));
      if (found.length !== 1)
        throw new Error(`${found.length} paths match ${pattern}: ${found.join(', ')}`);
      return found[0]!;
    },
    corrupt() {
      const listed = new Map(manifest.entries.map((e) => [e.path, e.sha256]));
      return Object.keys(files).flatMap((path) => {
        if (path === 'manifest.json') return [];
        const sha = createHash('sha256').update(files[path]!).digest('hex');
        return listed.get(path) === sha ? [] : [path];
      });
    },
  };
}
