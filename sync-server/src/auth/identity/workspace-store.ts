/** The one workspace of this relay, and the counters and secrets that go with it. */
export interface WorkspaceStore {
  get(): Promise<{ name: string } | null>;
  /** Fails when the workspace exists already. */
  create(name: string, at: number): Promise<void>;
  /**
   * A counter bumped by every access-relevant change, in the same transaction, so
   * that relays (and the command line) notice changes other processes made.
   */
  epoch(): Promise<number>;
  bumpEpoch(): Promise<void>;
  /** The token signing secret, created on first use; racing processes all get the first one. */
  secret(): Promise<string>;
}
