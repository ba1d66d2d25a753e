/** Rooms each person starred. */
export interface FavouriteStore {
  of(userId: string): Promise<Set<string>>;
  /** Everyone's favourites in one read, by person (people with none are left out). */
  all(): Promise<Map<string, Set<string>>>;
  /** Idempotent both ways. */
  set(userId: string, roomId: string, favourite: boolean): Promise<void>;
}
