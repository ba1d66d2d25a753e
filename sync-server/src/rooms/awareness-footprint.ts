import type { Awareness } from 'y-protocols/awareness';

/** How much a room's awareness holds, measured from the Awareness itself. */
export interface AwarenessFootprint {
  states: number;
  /** UTF-8 bytes of every state's JSON. */
  bytes: number;
  /** Client ids whose clock the Awareness remembers, with or without a state. */
  clocks: number;
}

export function awarenessFootprint(awareness: Awareness): AwarenessFootprint {
  let bytes = 0;
  for (const state of awareness.getStates().values()) {
    bytes += Buffer.byteLength(JSON.stringify(state));
  }
  return { states: awareness.getStates().size, bytes, clocks: awareness.meta.size };
}
