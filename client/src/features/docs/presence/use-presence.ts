import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';

export interface Present {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

function readPeople(awareness: Awareness): Present[] {
  const people: Present[] = [];
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
    if (typeof user?.name !== 'string') return;
    people.push({
      clientId,
      name: user.name,
      color: typeof user.color === 'string' ? user.color : 'gray',
      self: clientId === awareness.clientID,
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
