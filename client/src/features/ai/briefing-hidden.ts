/**
 * "Hide for today": per device and person, in localStorage under `ws:ai:` (wiped with
 * the person's other device data on sign-out, see auth/device-data.ts). The value is
 * the viewer's calendar date the briefing was hidden on; it shows again the next day.
 */
export const BRIEFING_HIDDEN_PREFIX = 'ws:ai:briefing-hidden:';

export function briefingHiddenKey(userId: string): string {
  return `${BRIEFING_HIDDEN_PREFIX}${userId}`;
}

/** True when `userId` hid the briefing on `today` (a 'YYYY-MM-DD' in their zone). */
export function isBriefingHidden(
  storage: Pick<Storage, 'getItem'>,
  userId: string,
  today: string,
): boolean {
  return storage.getItem(briefingHiddenKey(userId)) === today;
}

export function hideBriefing(
  storage: Pick<Storage, 'setItem'>,
  userId: string,
  today: string,
): void {
  storage.setItem(briefingHiddenKey(userId), today);
}
