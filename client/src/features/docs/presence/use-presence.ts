import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';
import { presentPeople, type Present } from './present-people.js';

/** Everyone in the doc now (from awareness), this device first. */
export function usePresence(awareness: Awareness): Accessor<Present[]> {
  const [people, setPeople] = createSignal(presentPeople(awareness));
  const update = () => setPeople(presentPeople(awareness));
  awareness.on('change', update);
  onCleanup(() => awareness.off('change', update));
  return people;
}
