import { randomUUID } from 'node:crypto';
import { CreatedInvite, Me } from '../../shared/api/schemas.js';
import { ApiClient } from './api-client.js';

/** Someone who joined by invite; `via` is the same session on another relay. */
export type Person = { id: string; api: ApiClient; via: (url: string) => ApiClient };

let joined = 0;
/** A new member or guest, invited by `admin`, signed in on `url`. */
export async function joinAs(
  url: string,
  admin: ApiClient,
  role: 'member' | 'guest',
  name: string,
): Promise<Person> {
  const invite = await admin.ok(CreatedInvite, 'POST', '/invites', { role, groups: [] });
  const api = new ApiClient(url);
  const me = await api.ok(Me, 'POST', `/invites/${invite.token}/accept`, {
    name,
    email: `${name.toLowerCase()}${++joined}-${randomUUID().slice(0, 8)}@appr.test`,
    password: 'a long enough password',
  });
  const via = (other: string) => {
    const client = new ApiClient(other);
    client.copyCookie(api, 'ws_session');
    return client;
  };
  return { id: me.user.id, api, via };
}

/** One action on a request, answered as it came (status and body). */
export const act = (who: ApiClient, requestId: string, action: unknown, actionId = randomUUID()) =>
  who.call<{ code: string; message: string }>('POST', `/approvals/requests/${requestId}/actions`, {
    actionId,
    action,
  });
