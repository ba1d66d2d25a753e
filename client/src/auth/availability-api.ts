import {
  AvailabilityAnswer,
  AvailabilitySettings,
  BusyResult,
  type BusyBody,
} from '../../../shared/api/calendar-availability.js';
import type { ApiRequest } from './api-request.js';

/** Availability endpoints (shared/api/calendar-availability.ts) [CAL50]. */
export function availabilityApi(request: ApiRequest) {
  return {
    publishBusy: (body: BusyBody) => request('PUT', '/calendar/busy', BusyResult, body),
    settings: () => request('GET', '/calendar/settings', AvailabilitySettings.nullable()),
    setSettings: (body: AvailabilitySettings) =>
      request('PUT', '/calendar/settings', AvailabilitySettings.nullable(), body),
    of: (people: readonly string[], from: number, to: number) =>
      request(
        'GET',
        `/calendar/availability?people=${people.map(encodeURIComponent).join(',')}&from=${from}&to=${to}`,
        AvailabilityAnswer,
      ),
  };
}
