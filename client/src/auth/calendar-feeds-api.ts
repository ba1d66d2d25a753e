import { z } from 'zod';
import { CalendarFeedList, CreatedCalendarFeed } from '../../../shared/api/calendar-feeds.js';
import type { ApiRequest } from './api-request.js';

const seg = encodeURIComponent;

/** Subscription URLs of a calendar (shared/api/calendar-feeds.ts). */
export function calendarFeedsApi(request: ApiRequest) {
  const base = (calendarId: string) => `/calendar/${seg(calendarId)}/subscription`;
  return {
    list: (calendarId: string) => request('GET', base(calendarId), CalendarFeedList),
    create: (calendarId: string) => request('POST', base(calendarId), CreatedCalendarFeed, {}),
    revoke: (calendarId: string, id: string) =>
      request('DELETE', `${base(calendarId)}/${seg(id)}`, z.object({})),
  };
}
