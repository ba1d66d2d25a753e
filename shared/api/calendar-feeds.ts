/**
 * Subscription URLs of calendars (relay: routes/calendar-feed-route.ts; rules:
 * shared/protocol/CALENDAR.md [CAL60]–[CAL64]).
 *
 * | method | path                                          | who              | body / result                     |
 * |--------|-----------------------------------------------|------------------|-----------------------------------|
 * | POST   | /api/calendar/:calendarId/subscription        | reads the room   | → CreatedCalendarFeed (201)       |
 * | GET    | /api/calendar/:calendarId/subscription        | reads the room   | → CalendarFeedList (own URLs)     |
 * | DELETE | /api/calendar/:calendarId/subscription/:id    | its creator      | → {} (404 when there is none)     |
 * | GET    | /ics/:token.ics                               | anyone with it   | → text/calendar (no session)      |
 *
 * The URL with its token is in the POST's answer only: the relay keeps its hash.
 */
import { z } from 'zod';

/** At most this many live URLs per person and calendar [CAL60]. */
export const MAX_CALENDAR_FEEDS = 10;

export const CalendarFeed = z.object({
  id: z.string(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
});
export type CalendarFeed = z.infer<typeof CalendarFeed>;

export const CalendarFeedList = z.array(CalendarFeed);
export type CalendarFeedList = z.infer<typeof CalendarFeedList>;

export const CreatedCalendarFeed = CalendarFeed.extend({
  /** https://<origin>/ics/<token>.ics */
  url: z.string(),
  /** The same as webcal://, which phones and desktop apps open as "subscribe". */
  webcalUrl: z.string(),
});
export type CreatedCalendarFeed = z.infer<typeof CreatedCalendarFeed>;

/** The path of a feed; the token is base64url, so it needs no escaping. */
export const calendarFeedPath = (token: string) => `/ics/${token}.ics`;
