/** A chat message, a doc paragraph or a task: what a summary reads. */
export interface SourceText {
  id: string;
  text: string;
  author?: string;
  /** When it was written (epoch ms); sources are read in the order given. */
  at?: number;
  /** The source this one replies to (a thread reply's parent), if known. */
  replyTo?: string;
}

/** How a summary links each sentence back to the sources it came from. */
export interface SourceLinks {
  hrefOf(sourceId: string): string;
  /** Who said it and when, for the link's accessible name ("Ann, 10:02"). */
  labelOf(sourceId: string): string;
  /** Called instead of following the link (to scroll within the open page). */
  onOpen?: (sourceId: string, event: MouseEvent) => void;
}
