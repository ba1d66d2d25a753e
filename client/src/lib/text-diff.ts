/** One contiguous replacement that turns `before` into `after`. */
export interface TextChange {
  index: number;
  remove: number;
  insert: string;
}

/**
 * The smallest change found by trimming the common suffix and prefix. `caret` (where
 * the cursor is after the edit) disambiguates repeated characters: the edit is placed
 * so that it ends at the caret when the text allows it.
 */
export function diffText(before: string, after: string, caret = after.length): TextChange | null {
  if (before === after) return null;
  // The text after the caret is the suffix we try to keep; then trim the common prefix.
  const suffixLimit = Math.max(0, Math.min(before.length, after.length - caret));
  let suffix = 0;
  while (
    suffix < suffixLimit &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  const prefixLimit = Math.min(before.length, after.length) - suffix;
  let prefix = 0;
  while (prefix < prefixLimit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  // Never cut a surrogate pair in half: widen the change to whole code points.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** A Yjs text delta, as in Y.YTextEvent.delta. */
export type TextDelta = ReadonlyArray<{
  retain?: number | undefined;
  insert?: unknown;
  delete?: number | undefined;
}>;

/**
 * Where a caret at `position` ends up once a remote change (`delta`) is applied.
 * Text inserted exactly at the caret goes after it, so the caret does not move.
 */
export function transformPosition(delta: TextDelta, position: number): number {
  let oldIndex = 0;
  let shift = 0;
  for (const op of delta) {
    if (oldIndex >= position) break;
    if (op.retain !== undefined) {
      oldIndex += op.retain;
    } else if (op.delete !== undefined) {
      shift -= Math.min(op.delete, position - oldIndex);
      oldIndex += op.delete;
    } else if (op.insert !== undefined) {
      shift += typeof op.insert === 'string' ? op.insert.length : 1;
    }
  }
  return position + shift;
}
