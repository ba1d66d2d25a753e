/** Someone who can be mentioned: the id is stored, the name is what people type. */
export interface Mentionable {
  id: string;
  name: string;
}

export interface Mentions {
  users: string[];
  channel: boolean;
}

const boundary = /[\s.,;:!?)\]}'"]/;

/**
 * Finds `@Name` (a person's display name, longest match first so "@Ann Lee" beats
 * "@Ann") and `@channel` in a message. Names are matched case-insensitively and must end
 * at a word boundary, so "@Annabel" does not mention Ann.
 */
export function parseMentions(text: string, people: readonly Mentionable[]): Mentions {
  const byLength = [...people].sort((a, b) => b.name.length - a.name.length);
  const users = new Set<string>();
  let channel = false;
  const lower = text.toLowerCase();
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    if (at > 0 && !/\s|\(/.test(lower.charAt(at - 1))) continue;
    const rest = lower.slice(at + 1);
    if (endsWord(rest, 'channel')) {
      channel = true;
      continue;
    }
    const person = byLength.find((p) => p.name.length > 0 && endsWord(rest, p.name.toLowerCase()));
    if (person) users.add(person.id);
  }
  return { users: [...users], channel };
}

function endsWord(rest: string, word: string): boolean {
  if (!rest.startsWith(word)) return false;
  const next = rest.charAt(word.length);
  return next === '' || boundary.test(next);
}

/** The people whose names start with what follows the `@` being typed (the picker's list). */
export function mentionCandidates<T extends Mentionable>(
  people: readonly T[],
  query: string,
  limit = 8,
): T[] {
  const q = query.toLowerCase();
  return people
    .filter(
      (p) =>
        p.name
          .toLowerCase()
          .split(/\s+/)
          .some((part) => part.startsWith(q)) || p.name.toLowerCase().startsWith(q),
    )
    .slice(0, limit);
}
