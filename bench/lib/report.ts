/** Percentile (0–100) of a sample, nearest rank; NaN for an empty sample. */
export function percentile(values: Float64Array | number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Fixed, human-sized number formatting for tables. */
export function fmt(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export const ms = (value: number): string => `${fmt(value, value < 10 ? 2 : 0)} ms`;
export const mib = (bytes: number): string => `${fmt(bytes / 1024 / 1024, 1)} MiB`;

/** A GitHub markdown table. */
export function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Times an async or sync function, in milliseconds. */
export async function time<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

/** Progress goes to stderr so that stdout holds only the result tables. */
export const progress = (message: string): void => void process.stderr.write(`${message}\n`);
