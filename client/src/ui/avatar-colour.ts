/** Backgrounds that keep white initials above 4.5:1 contrast in both themes. */
const PALETTE = [
  '#b42318',
  '#1d4ed8',
  '#15803d',
  '#7c3aed',
  '#b45309',
  '#0f766e',
  '#be185d',
  '#4338ca',
  '#0369a1',
] as const;

/** The same colour for a person on every device and every view, from their id. */
export function avatarColour(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? PALETTE[0];
}

/** Up to two letters: first and last word ("Olivia Owner" → "OO"), or the first two of one word. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = [...(words[0] ?? '?')];
  if (words.length === 1) return first.slice(0, 2).join('').toUpperCase();
  const last = [...(words[words.length - 1] ?? '')];
  return `${first[0] ?? ''}${last[0] ?? ''}`.toUpperCase();
}
