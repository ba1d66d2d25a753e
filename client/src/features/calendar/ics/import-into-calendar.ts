/**
 * "Import .ics" into one calendar [CAL66]: the file is read by the model's importIcs
 * (CAL17, CAL18) and every readable event is written in one transaction, so other
 * devices get the import whole. The event id is the UID itself when it is a valid id
 * (a file this app exported gets its own ids back), else `ics-` and a hash of the
 * UID; either way importing the file again finds the same ids and adds no copies,
 * and leaves events already there as they are, so edits made since survive.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type * as Y from 'yjs';
import {
  CalendarError,
  createEvent,
  EventId,
  importIcs,
  type IcsProblem,
} from '../../../workspace/calendar/index.js';

export interface ImportResult {
  added: number;
  /** Events whose id was already in the calendar, left as they were. */
  already: number;
  /** VEVENTs that could not be read, or the whole file (index 0). */
  errors: IcsProblem[];
  warnings: IcsProblem[];
}

export interface ImportOptions {
  /** The importing person: organiser of events that name nobody here. */
  me: string;
  /** The zone for floating times. */
  zone: string;
  personByEmail: (email: string) => string | undefined;
  origin: symbol;
  now?: number;
}

/** The event id an .ics UID is stored under. */
export function eventIdOf(uid: string): string {
  if (EventId.safeParse(uid).success) return uid;
  return `ics-${bytesToHex(sha256(utf8ToBytes(uid))).slice(0, 40)}`;
}

export function importIntoCalendar(
  doc: Y.Doc,
  source: string,
  options: ImportOptions,
): ImportResult {
  const read = importIcs(source, {
    personByEmail: options.personByEmail,
    importer: options.me,
    fallbackZone: options.zone,
    idOf: eventIdOf,
  });
  const result: ImportResult = {
    added: 0,
    already: 0,
    errors: [...read.errors],
    warnings: read.warnings,
  };
  const ctx = { by: options.me, now: options.now ?? Date.now(), origin: options.origin };
  doc.transact(() => {
    for (const event of read.events) {
      try {
        createEvent(doc, event, ctx);
        result.added += 1;
      } catch (error) {
        if (error instanceof CalendarError && error.code === 'event-exists') result.already += 1;
        else
          result.errors.push({
            index: 0,
            uid: event.id,
            message: error instanceof Error ? error.message : String(error),
          });
      }
    }
  }, options.origin);
  return result;
}
