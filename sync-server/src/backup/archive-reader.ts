import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import * as tar from 'tar';
import { BackupDamaged, isDataEntry, MANIFEST, parseManifest, type Manifest } from './manifest.js';

/** A manifest of a thousand files is a few hundred kB; anything far larger is not ours. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/**
 * Reads a backup archive once, start to end, streaming: the manifest (first entry,
 * checked before anything else), then every entry hashed as it passes and, with
 * `into`, written under that directory. Only the names a backup holds are accepted
 * (manifest.ts), so a crafted archive cannot write outside `into`; node-tar's own
 * extraction would accept any path, links and devices, which is why entries are
 * written here by hand. Throws BackupDamaged when the archive is not a gzipped tar,
 * is cut short, holds something else, or an entry does not match its size and
 * SHA-256 in the manifest; resolves only when every entry checked out.
 */
export async function readArchive(file: string, into?: string): Promise<Manifest> {
  let manifest: Manifest | null = null;
  const seen = new Map<string, { size: number; sha256: string }>();
  const problems: string[] = [];
  const writes: Promise<unknown>[] = [];
  const outs: WriteStream[] = [];
  let rejected = false;
  let manifestSeen = false;
  const onEntry = (entry: tar.ReadEntry) => {
    const name = entry.path;
    if (rejected) {
      entry.resume();
      return;
    }
    if (manifest === null && !manifestSeen && name !== MANIFEST) {
      problems.push(
        `it is not a backup archive (its first entry is ${JSON.stringify(name)}, not ${MANIFEST})`,
      );
      rejected = true;
      entry.resume();
      return;
    }
    if (entry.type !== 'File' || (name === MANIFEST && manifestSeen) || seen.has(name)) {
      problems.push(`unexpected entry ${JSON.stringify(name)}`);
      entry.resume();
      return;
    }
    if (name === MANIFEST) {
      manifestSeen = true;
      const chunks: Buffer[] = [];
      let bytes = 0;
      entry.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= MAX_MANIFEST_BYTES) chunks.push(chunk);
      });
      entry.on('end', () => {
        try {
          if (bytes > MAX_MANIFEST_BYTES) throw new BackupDamaged('its manifest is far too large');
          manifest = parseManifest(Buffer.concat(chunks).toString('utf8'));
        } catch (error) {
          problems.push(error instanceof Error ? error.message : String(error));
          // Not a backup, or one this relay cannot read: write nothing of the rest.
          rejected = true;
        }
      });
      return;
    }
    if (!isDataEntry(name)) {
      problems.push(`unexpected entry ${JSON.stringify(name)}`);
      entry.resume();
      return;
    }
    const hash = createHash('sha256');
    let size = 0;
    let out: WriteStream | null = null;
    if (into) {
      const path = join(into, name);
      mkdirSync(dirname(path), { recursive: true });
      out = createWriteStream(path, { flags: 'wx' });
      outs.push(out);
      writes.push(once(out, 'close'));
    }
    entry.on('data', (chunk: Buffer) => {
      hash.update(chunk);
      size += chunk.length;
      // Back-pressure: the parser waits for a paused entry, so memory stays bounded.
      if (out && !out.write(chunk)) {
        entry.pause();
        out.once('drain', () => entry.resume());
      }
    });
    entry.on('end', () => {
      seen.set(name, { size, sha256: hash.digest('hex') });
      out?.end();
    });
  };
  try {
    await tar.t({ file, strict: true, onReadEntry: onEntry });
    await Promise.all(writes);
  } catch (error) {
    // An entry cut off mid-way never ends: its file is closed here, not by 'end'.
    for (const out of outs) out.destroy();
    await Promise.allSettled(writes);
    if (problems.length > 0) throw new BackupDamaged(problems[0]);
    throw new BackupDamaged(describeReadError(error));
  }
  if (!manifest) throw new BackupDamaged(problems[0] ?? 'it holds no manifest.json');
  problems.push(...compare(manifest, seen));
  if (problems.length > 0) throw new BackupDamaged(problems[0]);
  return manifest;
}

function compare(manifest: Manifest, seen: Map<string, { size: number; sha256: string }>) {
  const problems: string[] = [];
  const listed = new Set<string>();
  for (const entry of manifest.entries) {
    listed.add(entry.name);
    const found = seen.get(entry.name);
    if (!found) problems.push(`${entry.name} is missing (the archive is cut short?)`);
    else if (found.size !== entry.size || found.sha256 !== entry.sha256)
      problems.push(`${entry.name} does not match its checksum`);
  }
  for (const name of seen.keys())
    if (!listed.has(name)) problems.push(`${name} is not in the manifest`);
  return problems;
}

function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'Z_BUF_ERROR') return 'it is cut short (the compressed stream ends early)';
  if (typeof code === 'string' && code.startsWith('Z_'))
    return `it is not a gzip file (${message})`;
  if (typeof code === 'string' && code.startsWith('TAR_'))
    return `it is not a tar archive (${message})`;
  if (code === 'ENOENT') return 'no such file';
  return message;
}
