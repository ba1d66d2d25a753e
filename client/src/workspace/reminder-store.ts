import { EMPTY_REMINDER_STATE, ReminderState } from './tasks/index.js';

/** localStorage key prefix of reminder bookkeeping; wiped with the device's data. */
export const REMINDER_KEY_PREFIX = 'ws:reminders:';

/** What fired and what is snoozed for `userId` on this device; corrupt data starts over. */
export function loadReminderState(
  storage: Pick<Storage, 'getItem'>,
  userId: string,
): ReminderState {
  try {
    const parsed = ReminderState.safeParse(
      JSON.parse(storage.getItem(REMINDER_KEY_PREFIX + userId) ?? 'null'),
    );
    return parsed.success ? parsed.data : EMPTY_REMINDER_STATE;
  } catch {
    return EMPTY_REMINDER_STATE;
  }
}

export function saveReminderState(
  storage: Pick<Storage, 'setItem'>,
  userId: string,
  state: ReminderState,
): void {
  try {
    storage.setItem(REMINDER_KEY_PREFIX + userId, JSON.stringify(state));
  } catch {
    // A full or blocked storage only means a reminder may show twice.
  }
}
