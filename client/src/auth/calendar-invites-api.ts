import {
  AnswerList,
  Invitation,
  InviteDingResult,
  MyInvitations,
  PublishResult,
  type AnswerBody,
  type PublishBody,
} from '../../../shared/api/calendar-invites.js';
import type { ApiRequest } from './api-request.js';

const seg = encodeURIComponent;

/** The calendar invite endpoints (shared/api/calendar-invites.ts). */
export function calendarInvitesApi(request: ApiRequest) {
  const base = (calendarId: string, eventId: string) =>
    `/calendar/invites/${seg(calendarId)}/${seg(eventId)}`;
  return {
    mine: () => request('GET', '/calendar/invites', MyInvitations),
    publish: (calendarId: string, eventId: string, body: PublishBody) =>
      request('PUT', base(calendarId, eventId), PublishResult, body),
    get: (calendarId: string, eventId: string) =>
      request('GET', base(calendarId, eventId), Invitation),
    answer: (calendarId: string, eventId: string, body: AnswerBody) =>
      request('POST', `${base(calendarId, eventId)}/answer`, Invitation, body),
    answers: (calendarId: string, eventId: string) =>
      request('GET', `${base(calendarId, eventId)}/answers`, AnswerList),
    ding: (calendarId: string, eventId: string) =>
      request('POST', `${base(calendarId, eventId)}/ding`, InviteDingResult, {}),
  };
}
