/** Caret colours readable on both light and dark backgrounds. */
const PALETTE = [
  '#d1495b',
  '#2e86ab',
  '#3c9d5d',
  '#8e5cc2',
  '#d97b29',
  '#00897b',
  '#c2185b',
  '#5c6bc0',
];

/** The same colour for a person on every device, from their id. */
export function personColour(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? '#2e86ab';
}
