/** What the panel needs from the calendar workspace layer, in one import. */
export { addCalendarDays } from '../../../../../shared/model/time/calendar-date.js';
export { instantOf, localAt, todayIn, viewerZone } from '../../../workspace/calendar/index.js';
export { dayRows, suggestions } from '../../../workspace/calendar/availability/schedule.js';
