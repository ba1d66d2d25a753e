/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time per function and
 * per package. Used to see where the relay spends CPU under the fan-out load.
 *
 *   node --import tsx bench/lib/cpu-profile.ts /tmp/prof/CPU.*.0.001.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { fmt, markdownTable } from './report.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function packageOf(url: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match?.[1]) return match[1];
  if (url.startsWith('node:') || url === '') return url === '' ? '(native/gc/idle)' : 'node core';
  const repo = /\/work\/main\/([^/]+\/(?:src\/)?[^/]+)/.exec(url);
  return repo?.[1] ?? url;
}

export function summarise(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const perPackage = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') return;
    total += dt;
    const file = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/\/work\/main\//, '');
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const pkg = packageOf(url);
    perPackage.set(pkg, (perPackage.get(pkg) ?? 0) + dt);
  });
  const rows = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => [k, fmt(us / 1000), fmt((100 * us) / total, 1) + ' %']);
  return [
    `busy (non-idle) time: ${fmt(total / 1000)} ms`,
    '',
    markdownTable(['function (self time)', 'ms', 'share'], rows(self, top)),
    '',
    markdownTable(['package / file', 'ms', 'share'], rows(perPackage, 15)),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${summarise(process.argv[2] ?? '', Number(process.argv[3] ?? 25))}\n`);
}
