import { readCalendar } from '../../../shared/calendar/read-events.js';
import { exportIcs } from '../../../shared/calendar/ics-export.js';
import { loadPart, type ExportContext, type ExportRoom } from './export-context.js';

/**
 * A calendar as `calendars/<title>.ics`, the format every calendar app imports
 * [CAL21]. Attendees are named by display name only: the export leaves emails out,
 * as it does everywhere else.
 */
export async function exportCalendar(ctx: ExportContext, room: ExportRoom, name: string) {
  const doc = await loadPart(ctx.persistence, room.id);
  try {
    const { events } = readCalendar(doc);
    const path = ctx.zip.unique(`calendars/${name}.ics`);
    await ctx.zip.add(
      path,
      exportIcs(events, { emailOf: () => undefined, now: Date.now(), name: room.title }),
    );
    return path;
  } finally {
    doc.destroy();
  }
}
