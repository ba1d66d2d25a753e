import {
  Me,
  type RoomAccess,
  type Role,
  CreatedInvite,
  DirectoryRoom,
} from '../../shared/api/schemas.js';
import { ApiClient } from './api-client.js';
import { OWNER, type TestRelay } from './test-relay.js';

export interface Person {
  id: string;
  email: string;
  api: ApiClient;
}

/** The owner of a test relay, signed in through the API with a session cookie. */
export async function signInOwner(relay: Pick<TestRelay, 'httpUrl'>): Promise<Person> {
  const api = new ApiClient(relay.httpUrl);
  const me = await api.ok(Me, 'POST', '/auth/login', {
    email: OWNER.email,
    password: OWNER.password,
  });
  return { id: me.user.id, email: me.user.email, api };
}

let joined = 0;

/** Someone who joins through an invite `inviter` creates, as a new person would. */
export async function invitePerson(
  relay: Pick<TestRelay, 'httpUrl'>,
  inviter: Person,
  role: Exclude<Role, 'owner'> = 'member',
  groups: string[] = [],
): Promise<Person> {
  const invite = await inviter.api.ok(CreatedInvite, 'POST', '/invites', { role, groups });
  const api = new ApiClient(relay.httpUrl);
  const email = `person${++joined}@test.example`;
  const me = await api.ok(Me, 'POST', `/invites/${invite.token}/accept`, {
    name: `Person ${joined}`,
    email,
    password: 'a long enough password',
  });
  return { id: me.user.id, email, api };
}

let rooms = 0;

/** A room `owner` creates through the API, with the given rule. */
export async function createRoom(
  owner: Person,
  access: RoomAccess,
  title = 'Quarterly numbers',
): Promise<string> {
  const id = `room-${++rooms}-${Date.now().toString(36)}`;
  await owner.api.ok(DirectoryRoom, 'POST', '/rooms', { id, kind: 'doc', title, access });
  return id;
}
