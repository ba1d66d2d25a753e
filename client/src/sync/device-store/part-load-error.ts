/** A stored record of a part that could not be applied; the record is left as it is. */
export type PartProblem =
  | { kind: 'not-bytes'; seq: number; found: string }
  | { kind: 'undecodable'; seq: number; message: string };

/**
 * Some of a part's stored records could not be read. Everything else of the part is
 * in the doc, the records stay in storage untouched (the part is never compacted
 * while they are there), and new updates are still stored.
 */
export class PartLoadError extends Error {
  readonly part: string;
  readonly problems: readonly PartProblem[];

  constructor(part: string, problems: readonly PartProblem[]) {
    const first = problems[0];
    const what = first?.kind === 'undecodable' ? first.message : `a ${first?.found} value`;
    super(
      `room part "${part}": ${problems.length} stored update(s) could not be read ` +
        `(first at seq ${first?.seq}: ${what})`,
    );
    this.name = 'PartLoadError';
    this.part = part;
    this.problems = problems;
  }
}

/** What a stored value is, for an error message ("string", "ArrayBuffer", "null"). */
export function describeValue(value: unknown): string {
  if (value === null || typeof value !== 'object') return value === null ? 'null' : typeof value;
  return Object.prototype.toString.call(value).slice(8, -1);
}
