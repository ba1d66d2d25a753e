import type { AccessLevel } from '../../../../shared/access/levels.js';
import type { RoomAccess } from '../../../../shared/api/schemas.js';

export type Grant = RoomAccess['groups'][number];

/** The simple choices offered when creating a room. */
export type Visibility = 'private' | 'everyone-read' | 'everyone-write' | 'chosen';

export const visibilityLabels: Record<Visibility, string> = {
  private: 'Only me',
  'everyone-read': 'Everyone in the workspace can read',
  'everyone-write': 'Everyone in the workspace can edit',
  chosen: 'Chosen groups and people',
};

export const noAccess: RoomAccess = { workspace: 'none', groups: [], users: [] };

/** The rule a visibility choice stands for; `chosen` keeps only the named grants. */
export function accessForVisibility(visibility: Visibility, chosen: RoomAccess): RoomAccess {
  switch (visibility) {
    case 'private':
      return noAccess;
    case 'everyone-read':
      return { ...noAccess, workspace: 'read' };
    case 'everyone-write':
      return { ...noAccess, workspace: 'write' };
    case 'chosen':
      return { workspace: 'none', groups: chosen.groups, users: chosen.users };
  }
}

export function levelOf(grants: readonly Grant[], id: string): AccessLevel {
  return grants.find((grant) => grant.id === id)?.level ?? 'none';
}

/** Sets one grant; `none` removes it (the wire never carries `none` grants). */
export function withGrant(grants: readonly Grant[], id: string, level: AccessLevel): Grant[] {
  const others = grants.filter((grant) => grant.id !== id);
  return level === 'none' ? others : [...others, { id, level }];
}

export const levelLabels: Record<AccessLevel, string> = {
  none: 'No access',
  read: 'Can read',
  write: 'Can edit',
};
