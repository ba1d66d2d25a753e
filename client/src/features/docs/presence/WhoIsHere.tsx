import { For } from 'solid-js';
import type { Awareness } from 'y-protocols/awareness';
import { usePresence } from './use-presence.js';

/** The people in this doc right now, with their caret colours. */
export function WhoIsHere(props: { awareness: Awareness }) {
  const people = usePresence(props.awareness);
  return (
    <ul class="who-is-here" aria-label="Who is here">
      <For each={people()}>
        {(person) => (
          <li class="presence" style={{ '--person-color': person.color }}>
            {person.name}
            {person.self ? ' (you)' : ''}
          </li>
        )}
      </For>
    </ul>
  );
}
