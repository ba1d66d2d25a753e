import type { Attendee } from '../../../shared/calendar/schemas.js';
import type { IdentityStore } from '../auth/identity/identity-store.js';
import { loadOrgState } from '../org/org-rules.js';

/**
 * [CAL40] The people an event invites: named people plus the heads and members of
 * named departments and of every department under them, as the org chart has them
 * at publish time; only active accounts, never the organiser. Unknown ids are left
 * out rather than refused: an attendee added offline may have been removed since.
 */
export async function invitedPeople(
  tx: IdentityStore,
  attendees: readonly Attendee[],
  organizer: string,
): Promise<Set<string>> {
  const wanted = new Set<string>();
  const departments = attendees.filter((a) => a.kind === 'department').map((a) => a.id);
  for (const a of attendees) if (a.kind === 'person') wanted.add(a.id);
  if (departments.length > 0) {
    const org = await loadOrgState(tx);
    const children = new Map<string, string[]>();
    for (const d of org.departments.values())
      if (d.parent_id !== null)
        children.set(d.parent_id, [...(children.get(d.parent_id) ?? []), d.id]);
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      for (const p of org.heads.get(id) ?? []) wanted.add(p);
      for (const p of org.members.get(id) ?? []) wanted.add(p);
      for (const child of children.get(id) ?? []) visit(child);
    };
    departments.forEach(visit);
  }
  if (wanted.size === 0) return wanted;
  const active = new Set((await tx.people.all()).filter((p) => p.active === 1).map((p) => p.id));
  return new Set([...wanted].filter((id) => active.has(id) && id !== organizer));
}
