/** A person's availability as the relay keeps it [CAL52]: settings, and busy intervals as JSON. */
export interface AvailabilityRow {
  user_id: string;
  time_zone: string;
  /** JSON of WeeklyHours, or null: any time counts. */
  working_hours: string | null;
  /** 1: the person hides their availability; `busy` is then always null. */
  hidden: number;
  /** JSON array of {start, end}, sorted and merged; null before the first publication. */
  busy: string | null;
  published_at: number | null;
  updated_at: number;
}

/** Availability per person; one row each, replaced whole. */
export interface AvailabilityStore {
  of(userIds: readonly string[]): Promise<Map<string, AvailabilityRow>>;
  /** Inserts or replaces the settings, keeping the busy intervals unless `hidden` drops them. */
  setSettings(
    userId: string,
    settings: { time_zone: string; working_hours: string | null; hidden: number },
    at: number,
  ): Promise<void>;
  /**
   * Replaces the busy intervals; false (and nothing stored) when the person hides
   * their availability or has no settings row yet (`zone` makes one).
   */
  setBusy(userId: string, busy: string, at: number, zone: string): Promise<boolean>;
  /** Everything about the person goes (deactivation). */
  remove(userId: string): Promise<void>;
}
