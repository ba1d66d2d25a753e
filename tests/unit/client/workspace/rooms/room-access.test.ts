import { describe, expect, it } from 'vitest';
import { RoomAccess } from '../../../../../shared/api/schemas.js';
import {
  accessForVisibility,
  levelOf,
  noAccess,
  withGrant,
} from '../../../../../client/src/workspace/rooms/room-access.js';
import { newRoomId } from '../../../../../client/src/workspace/rooms/new-room-id.js';
import { RoomId } from '../../../../../shared/api/schemas.js';

describe('room access choices', () => {
  const chosen: RoomAccess = {
    workspace: 'write',
    groups: [{ id: 'g1', level: 'read' }],
    users: [{ id: 'u2', level: 'write' }],
  };

  it('maps each visibility to the rule the relay stores', () => {
    expect(accessForVisibility('private', chosen)).toEqual(noAccess);
    expect(accessForVisibility('everyone-read', chosen)).toEqual({
      ...noAccess,
      workspace: 'read',
    });
    expect(accessForVisibility('everyone-write', chosen)).toEqual({
      ...noAccess,
      workspace: 'write',
    });
    // "Chosen" means only the named groups and people, never the whole workspace.
    expect(accessForVisibility('chosen', chosen)).toEqual({ ...chosen, workspace: 'none' });
  });

  it('sets, changes and removes grants; none never goes on the wire', () => {
    let grants = withGrant([], 'u2', 'read');
    expect(levelOf(grants, 'u2')).toBe('read');
    grants = withGrant(grants, 'u2', 'write');
    expect(grants).toEqual([{ id: 'u2', level: 'write' }]);
    grants = withGrant(grants, 'u2', 'none');
    expect(grants).toEqual([]);
    expect(levelOf(grants, 'u2')).toBe('none');
    expect(RoomAccess.safeParse({ ...noAccess, users: withGrant([], 'u3', 'none') }).success).toBe(
      true,
    );
  });

  it('new room ids are valid RoomIds and differ', () => {
    const a = newRoomId();
    const b = newRoomId();
    expect(RoomId.safeParse(a).success).toBe(true);
    expect(a).not.toBe(b);
  });
});
