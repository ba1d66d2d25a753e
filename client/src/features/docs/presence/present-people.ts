import type { Awareness } from 'y-protocols/awareness';
import { presenceStampOf } from '../../../../../shared/protocol/presence-stamp.js';
import { personColour } from './person-colour.js';

export interface Present {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

/**
 * Everyone in the doc now, this device first. Others are shown by the relay's
 * stamp only, since their `user` field is whatever their client claimed [PRES5];
 * this device's own state is local and never stamped.
 */
export function presentPeople(awareness: Awareness): Present[] {
  const people: Present[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId !== awareness.clientID) {
      const stamp = presenceStampOf(state);
      if (stamp)
        people.push({ clientId, name: stamp.name, color: personColour(stamp.userId), self: false });
      return;
    }
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
    if (typeof user?.name !== 'string') return;
    people.push({
      clientId,
      name: user.name,
      color: typeof user.color === 'string' ? user.color : 'gray',
      self: true,
    });
  });
  return people.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}
