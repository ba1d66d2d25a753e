import { createSignal, onCleanup, type Accessor } from 'solid-js';
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
 * Others are shown by the relay's stamp only: their `user` field is whatever their
 * client claimed [PRES4]. This device's own state is local and never stamped.
 */
function readPeople(awareness: Awareness): Present[] {
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

/** Everyone in the doc now (from awareness), this device first. */
export function usePresence(awareness: Awareness): Accessor<Present[]> {
  const [people, setPeople] = createSignal(readPeople(awareness));
  const update = () => setPeople(readPeople(awareness));
  awareness.on('change', update);
  onCleanup(() => awareness.off('change', update));
  return people;
}
