import { randomBytes } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ExportAborted, ExportZip } from '../../../../sync-server/src/export/export-zip.js';

async function collect(zip: ExportZip): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of zip.stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

describe('ExportZip', () => {
  it('[EXPORT1] writes entries in chunks, unique names, and a SHA-256 per entry', async () => {
    const zip = new ExportZip();
    const done = collect(zip);
    const a = zip.unique('docs/Plan.md');
    const b = zip.unique('docs/plan.md');
    expect(b).toBe('docs/plan (2).md');
    const entry = zip.open(a);
    await entry.push('# Plan\n');
    await entry.push('more');
    await entry.end();
    await zip.add(b, 'other');
    zip.end();
    const files = unzipSync(await done);
    expect(new TextDecoder().decode(files[a])).toBe('# Plan\nmore');
    expect(zip.entries.map((e) => e.path)).toEqual([a, b]);
    expect(zip.entries[0]?.bytes).toBe(11);
    expect(zip.entries[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('[EXPORT1] a reader that stops reading holds the writer back; one that leaves stops it', async () => {
    const zip = new ExportZip();
    // Random bytes do not deflate: 4 MiB cannot fit the stream's 1 MiB buffer.
    const write = zip.add('big.bin', randomBytes(4 << 20), false);
    let settled = false;
    write.then(
      () => (settled = true),
      () => (settled = true),
    );
    await setImmediate();
    expect(settled).toBe(false);
    zip.stream.destroy();
    await expect(write).rejects.toBeInstanceOf(ExportAborted);
    await expect(zip.add('next.txt', 'x')).rejects.toBeInstanceOf(ExportAborted);
  });
});
