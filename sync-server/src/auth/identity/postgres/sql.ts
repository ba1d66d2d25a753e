/** How a concept's statements run: on the pool, or on the open transaction's client. */
export interface Sql {
  /** The rows of one statement ($1, $2, ... bound to `values`). */
  rows<R>(text: string, values?: readonly unknown[]): Promise<R[]>;
  /**
   * Runs `work` as one transaction: in a transaction of its own when called on the
   * pool, inside the open one when called on a transaction's client. For methods
   * that need more than one statement (replace the members of a group).
   */
  atomic<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
}
