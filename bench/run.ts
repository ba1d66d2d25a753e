/**
 * Runs every benchmark, each in its own process so one cannot skew the next (heap,
 * JIT, open sockets), and prints their markdown tables with the machine they ran on.
 *
 *   npm run bench        (= node --import tsx bench/run.ts)
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { repoRoot } from './lib/server-process.js';

const benchmarks = [
  'bench/fanout.ts',
  'bench/scale-out.ts',
  'bench/admission.ts',
  'bench/cold-load.ts',
  'bench/feed.ts',
  'bench/access-snapshot.ts',
  'bench/compaction.ts',
  'bench/backup.ts',
  'bench/tasks-open.ts',
  'bench/chat-open.ts',
  'bench/docs-editor.ts',
  'bench/first-load.ts',
  'bench/device-storage.ts',
  'bench/workspace-scale.ts',
  'bench/export.ts',
  'bench/ai-embed.ts',
  'bench/ai-summary.ts',
  'bench/upgrade.ts',
  'bench/approvals.ts',
  'bench/approvals-relay.ts',
  'bench/approvals-box.ts',
  'bench/approval-records.ts',
  'bench/transcribe.ts',
  'bench/calendar.ts',
  'bench/calendar-availability.ts',
  'bench/calendar-feed.ts',
];

const sections = [
  `## Benchmarks (${new Date().toISOString().slice(0, 10)})`,
  '',
  `Machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, ${process.platform}/${process.arch}`,
];
for (const file of benchmarks) {
  const started = performance.now();
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.stderr.write(`${file} took ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  sections.push('', out.trim());
}
process.stdout.write(`${sections.join('\n')}\n`);
