import { createSignal } from 'solid-js';

/**
 * Whether the relay verified a DING's permit (true: it rings), as DingAlerts found;
 * undefined while nobody asked yet. Shared so other views (the briefing) show only
 * the DINGs that ring, without asking the relay again. Kept per person: a verdict
 * says whether the DING rings for whoever asked.
 */
export interface DingVerdicts {
  verdict(roomId: string, messageId: string): boolean | undefined;
  setVerdict(roomId: string, messageId: string, rings: boolean): void;
}

export function createDingVerdicts(me: () => string | null): DingVerdicts {
  const [verdicts, setVerdicts] = createSignal(new Map<string, boolean>());
  const key = (roomId: string, messageId: string) =>
    `${me() ?? ''}\u0000${roomId}\u0000${messageId}`;
  return {
    verdict: (roomId, messageId) => verdicts().get(key(roomId, messageId)),
    setVerdict: (roomId, messageId, rings) =>
      setVerdicts((current) => new Map(current).set(key(roomId, messageId), rings)),
  };
}
