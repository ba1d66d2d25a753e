import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A model folder's files by relative path: JSON values are written pretty-printed. */
export type ModelFiles = Record<string, Uint8Array | object>;

export function writeModelFolder(dir: string, files: ModelFiles): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(
      target,
      content instanceof Uint8Array ? content : `${JSON.stringify(content, null, 2)}\n`,
    );
  }
}
