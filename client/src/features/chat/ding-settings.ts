/**
 * How often an unacknowledged DING rings again. A per-device setting (Chat → Alert
 * settings), stored in localStorage under DING_REPEAT_KEY as seconds; Mattermost's
 * default of 5 minutes unless changed. Tests shorten it through the same setting.
 */
export const DING_REPEAT_KEY = 'chat.dingRepeatSeconds';
export const DEFAULT_DING_REPEAT_SECONDS = 300;
export const MIN_DING_REPEAT_SECONDS = 1;

export function readDingRepeatSeconds(storage: Pick<Storage, 'getItem'>): number {
  const stored = Number(storage.getItem(DING_REPEAT_KEY));
  return Number.isFinite(stored) && stored >= MIN_DING_REPEAT_SECONDS
    ? Math.floor(stored)
    : DEFAULT_DING_REPEAT_SECONDS;
}
