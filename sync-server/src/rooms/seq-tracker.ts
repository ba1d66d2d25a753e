/**
 * Which of a room's stored updates (by seq) a relay's document holds [SCALE2]: every
 * seq through `contiguous`, plus the later ones in `ahead` (arrived before an earlier
 * one). A non-empty `ahead` is a gap that repair fills from the store [SCALE3].
 */
export class SeqTracker {
  private readonly ahead = new Set<number>();

  constructor(private through: number) {}

  /** The highest seq through which the document holds every update. */
  get contiguous(): number {
    return this.through;
  }

  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  /** Records that the document holds `seq`; false when it already did. */
  hold(seq: number): boolean {
    if (seq <= this.through || this.ahead.has(seq)) return false;
    this.ahead.add(seq);
    this.advance();
    return true;
  }

  /** Records that the document holds every seq through `seq` (read from the store). */
  holdThrough(seq: number): void {
    if (seq <= this.through) return;
    this.through = seq;
    for (const held of this.ahead) if (held <= seq) this.ahead.delete(held);
    this.advance();
  }

  private advance(): void {
    while (this.ahead.delete(this.through + 1)) this.through += 1;
  }
}
