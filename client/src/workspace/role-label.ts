import type { Role } from '../../../shared/access/levels.js';

const labels: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  guest: 'Guest',
};

export function roleLabel(role: Role): string {
  return labels[role];
}

/** Owners and admins manage people, groups and invites. */
export function isAdminRole(role: Role): boolean {
  return role === 'owner' || role === 'admin';
}
