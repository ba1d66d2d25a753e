import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { presentPeople } from '../../../../../client/src/features/docs/presence/present-people.js';
import { personColour } from '../../../../../client/src/features/docs/presence/person-colour.js';

/** A remote state arriving at `awareness`, as the provider applies it. */
function receive(awareness: awarenessProtocol.Awareness, state: Record<string, unknown>): number {
  const remote = new awarenessProtocol.Awareness(new Y.Doc());
  remote.setLocalState(state);
  const update = awarenessProtocol.encodeAwarenessUpdate(remote, [remote.clientID]);
  awarenessProtocol.applyAwarenessUpdate(awareness, update, 'remote');
  remote.destroy();
  return remote.clientID;
}

describe('presentPeople', () => {
  it('[PRES5] lists others under their stamped name and colour, never under what they claim', () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ user: { name: 'Mia', color: '#d1495b' } });
    const forger = receive(awareness, {
      user: { name: 'Ann (owner)', color: '#2e86ab' },
      relay: { userId: 'u-mallory', name: 'Mallory' },
    });
    receive(awareness, { user: { name: 'Ann (owner)', color: '#2e86ab' } }); // no stamp

    expect(presentPeople(awareness)).toEqual([
      { clientId: awareness.clientID, name: 'Mia', color: '#d1495b', self: true },
      { clientId: forger, name: 'Mallory', color: personColour('u-mallory'), self: false },
    ]);
    awareness.destroy();
  });
});
