import type * as Y from 'yjs';
import type { RoomKind } from '../../../shared/api/schemas.js';
import { roomIdOf } from '../../../shared/protocol/room-id.js';
import type { RoomSummaries } from './room-summaries.js';

/** A document opened for reading, to be released when done. */
export interface OpenedPart {
  doc: Y.Doc;
  release(): void;
}

/** Reads a room part's document from the device (and the relay, if it is not there yet). */
export type ReadPart = (part: string) => Promise<Y.Doc>;

/** One feature's summary of a room: computed from its parts, stored under `key`. */
export interface Summarizer {
  key: string;
  kinds: readonly RoomKind[];
  summarize(roomId: string, read: ReadPart): Promise<unknown>;
}

export interface SummaryEngineOptions {
  summaries: RoomSummaries;
  summarizers: readonly Summarizer[];
  /** Opens a part's local copy and resolves once it is loaded. */
  open: (part: string) => Promise<OpenedPart>;
  /** The room's kind from the directory; null when the room is not readable. */
  kindOf: (roomId: string) => RoomKind | null;
  /** Coalesces bursts of changes to one room (ms). */
  delayMs?: number;
  onError?: (roomId: string, error: unknown) => void;
}

/**
 * Keeps RoomSummaries current: whenever a part of a room changed on the device (a
 * background fetch or a live edit), the summarizers for the room's kind run once the
 * burst is over, each reading the parts it needs; every part opened is released after.
 */
export class SummaryEngine {
  readonly #options: SummaryEngineOptions;
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #running = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  #stopped = false;

  constructor(options: SummaryEngineOptions) {
    this.#options = options;
  }

  /** A part changed on the device: summarise its room soon. */
  changed(part: string): void {
    const roomId = roomIdOf(part);
    if (this.#stopped || this.#timers.has(roomId)) return;
    this.#timers.set(
      roomId,
      setTimeout(() => {
        this.#timers.delete(roomId);
        void this.run(roomId);
      }, this.#options.delayMs ?? 50),
    );
  }

  /** Summarises a room now (again after the current run, if one is going). */
  run(roomId: string): Promise<void> {
    const running = this.#running.get(roomId);
    if (running) {
      this.#again.add(roomId);
      return running;
    }
    const task = this.#summarize(roomId).finally(() => {
      this.#running.delete(roomId);
      if (this.#again.delete(roomId) && !this.#stopped) void this.run(roomId);
    });
    this.#running.set(roomId, task);
    return task;
  }

  /** Resolves when no summary is being computed or waiting. */
  async idle(): Promise<void> {
    while (this.#running.size > 0 || this.#timers.size > 0) {
      await Promise.all(this.#running.values());
      if (this.#timers.size > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  async #summarize(roomId: string): Promise<void> {
    const kind = this.#options.kindOf(roomId);
    if (kind === null) return;
    const opened = new Map<string, Promise<OpenedPart>>();
    const read: ReadPart = async (part) => {
      if (roomIdOf(part) !== roomId) throw new Error(`${part} is not a part of ${roomId}`);
      let open = opened.get(part);
      if (!open) {
        open = this.#options.open(part);
        opened.set(part, open);
      }
      return (await open).doc;
    };
    try {
      for (const summarizer of this.#options.summarizers) {
        if (!summarizer.kinds.includes(kind)) continue;
        try {
          const value = await summarizer.summarize(roomId, read);
          if (!this.#stopped) this.#options.summaries.write(roomId, summarizer.key, value);
        } catch (error) {
          this.#options.onError?.(roomId, error);
        }
      }
    } finally {
      for (const open of opened.values())
        open.then(
          (part) => part.release(),
          () => {},
        );
    }
  }
}
