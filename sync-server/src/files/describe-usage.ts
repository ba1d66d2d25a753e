import type { UserRow } from '../auth/identity/identity-store.js';
import type { Quotas, Usage } from './storage-usage.js';

function of(used: number, limit: number): string {
  if (limit === 0) return `${used} bytes (no quota)`;
  return `${used} of ${limit} bytes (${((used / limit) * 100).toFixed(1)}%)${used > limit ? ' OVER QUOTA' : ''}`;
}

/** `npm run admin -- usage`: one line per figure, tab-separated per person. */
export function describeUsage(usage: Usage, quotas: Quotas, people: readonly UserRow[]): string {
  const emails = new Map(people.map((p) => [p.id, p.email]));
  const persons = [...usage.byPerson]
    .sort((a, b) => b[1] - a[1])
    .map(([id, bytes]) => `  ${emails.get(id) ?? id}\t${of(bytes, quotas.personBytes)}`);
  return [
    `documents\t${usage.documents} bytes`,
    `files\t${usage.files} bytes`,
    `total\t${of(usage.total, quotas.workspaceBytes)}`,
    `uploads per person:`,
    ...(persons.length > 0 ? persons : ['  (none)']),
  ].join('\n');
}
