/** The calendar model: events in a Yjs doc, recurrence, availability and iCalendar. */
export * from './errors.js';
export * from './schemas.js';
export { RecurrenceRule } from './rule.js';
export * from './read-events.js';
export * from './write-events.js';
export * from './series.js';
export * from './expand.js';
export * from './display.js';
export * from './availability.js';
export * from './ics-import.js';
export * from './ics-export.js';
