import './avatar.css';

/** Dark enough for white initials to pass WCAG AA on both themes. */
const PALETTE = [
  '#b42335',
  '#1f6391',
  '#2a6e41',
  '#6b3fa0',
  '#9a4a0b',
  '#00695c',
  '#a3154f',
  '#3949ab',
];

/** The same colour for a person everywhere, from their id. */
export function avatarColour(id: string): string {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? '#1f6391';
}

/** Up to two initials: "Ann Lee" → "AL", "bob" → "B". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0]];
  return letters
    .map((word) => [...(word ?? '')][0] ?? '')
    .join('')
    .toUpperCase();
}

/** A person's initials on their colour; decorative, so the name must be shown beside it. */
export function Avatar(props: { name: string; id: string; size?: 'sm' | 'md' }) {
  return (
    <span
      class={`person-avatar person-avatar-${props.size ?? 'md'}`}
      style={{ 'background-color': avatarColour(props.id) }}
      aria-hidden="true"
    >
      {initialsOf(props.name) || '?'}
    </span>
  );
}
