/**
 * What the event editor lends to the other calendar parts that add an area to it
 * (answers of attendees, "Find a time", meeting notes). Each area is one component
 * taking EventAreaProps, rendered in EventDialog at the line marked with its part.
 */
import type { Accessor } from 'solid-js';
import type * as Y from 'yjs';
import type { Attendee, CalendarEvent, EventTime } from '../../../workspace/calendar/index.js';

export interface EventAreaProps {
  readonly doc: Y.Doc;
  readonly calendarId: string;
  /** The saved event; undefined while a new one is being made. */
  readonly event: CalendarEvent | undefined;
  /** The occurrence being edited, for a series; null for a single event or a new one. */
  readonly recurrenceId: string | null;
  readonly readOnly: boolean;
  /** The attendees and time as the person is editing them (not yet saved). */
  readonly attendees: Accessor<readonly Attendee[]>;
  /** Null while the dates or times typed are not a valid time. */
  readonly time: Accessor<EventTime | null>;
  /** Puts a time in the form (e.g. a "Find a time" pick); saved with the rest. */
  readonly setTime: (time: EventTime) => void;
  /** Closes the editor without saving (e.g. after opening the notes doc). */
  readonly close: () => void;
}
