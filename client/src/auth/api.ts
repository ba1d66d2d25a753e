import { z } from 'zod';
import {
  AccessToken,
  AuditEntry,
  CreatedInvite,
  DingPermit,
  DingVerification,
  DirectoryRoom,
  GroupSummary,
  InvitePreview,
  InviteSummary,
  Me,
  RoomAccess,
  SetupState,
  UserSummary,
  type AcceptInviteBody,
  type DeactivateBody,
  type DingRequest,
  type GroupCreateBody,
  type GroupUpdateBody,
  type InviteCreateBody,
  type LoginBody,
  type RoomCreateBody,
  type RoomUpdateBody,
  type SetupBody,
  type UserUpdateBody,
  ModelInfo,
  Notification,
  NotifyResult,
  type NotifyBody,
} from '../../../shared/api/schemas.js';
import { SsoInfo } from '../../../shared/api/sso.js';
import type { ApiRequest } from './api-request.js';
import { approvalsApi } from './approvals-api.js';
import { calendarInvitesApi } from './calendar-invites-api.js';
import { availabilityApi } from './availability-api.js';
import { orgApi } from './org-api.js';
import { calendarFeedsApi } from './calendar-feeds-api.js';
import { RetentionPolicy } from '../../../shared/retention/retention.js';

const Empty = z.object({});
const seg = encodeURIComponent;

/** Every relay endpoint the client uses, typed by the shared schemas (see schemas.ts). */
export function createApi(request: ApiRequest) {
  return {
    setupState: () => request('GET', '/setup', SetupState),
    setup: (body: SetupBody) => request('POST', '/setup', Me, body),
    login: (body: LoginBody) => request('POST', '/auth/login', Me, body),
    logout: () => request('POST', '/auth/logout', Empty, {}),
    accessToken: () => request('POST', '/auth/token', AccessToken, {}),
    me: () => request('GET', '/me', Me),
    ssoInfo: () => request('GET', '/auth/sso', SsoInfo),

    invitePreview: (token: string) => request('GET', `/invites/${seg(token)}`, InvitePreview),
    acceptInvite: (token: string, body: AcceptInviteBody) =>
      request('POST', `/invites/${seg(token)}/accept`, Me, body),
    invites: () => request('GET', '/invites', z.array(InviteSummary)),
    createInvite: (body: InviteCreateBody) => request('POST', '/invites', CreatedInvite, body),
    revokeInvite: (id: string) => request('DELETE', `/invites/${seg(id)}`, Empty),

    users: () => request('GET', '/users', z.array(UserSummary)),
    updateUser: (id: string, body: UserUpdateBody) =>
      request('PATCH', `/users/${seg(id)}`, UserSummary, body),
    deactivateUser: (id: string, body: DeactivateBody) =>
      request('POST', `/users/${seg(id)}/deactivate`, UserSummary, body),
    reactivateUser: (id: string) =>
      request('POST', `/users/${seg(id)}/reactivate`, UserSummary, {}),

    groups: () => request('GET', '/groups', z.array(GroupSummary)),
    createGroup: (body: GroupCreateBody) => request('POST', '/groups', GroupSummary, body),
    updateGroup: (id: string, body: GroupUpdateBody) =>
      request('PATCH', `/groups/${seg(id)}`, GroupSummary, body),
    deleteGroup: (id: string) => request('DELETE', `/groups/${seg(id)}`, Empty),

    rooms: () => request('GET', '/rooms', z.array(DirectoryRoom)),
    room: (id: string) => request('GET', `/rooms/${seg(id)}`, DirectoryRoom),
    createRoom: (body: RoomCreateBody) => request('POST', '/rooms', DirectoryRoom, body),
    updateRoom: (id: string, body: RoomUpdateBody) =>
      request('PATCH', `/rooms/${seg(id)}`, DirectoryRoom, body),
    setFavourite: (id: string, favourite: boolean) =>
      request('PUT', `/rooms/${seg(id)}/favourite`, DirectoryRoom, { favourite }),
    roomAccess: (id: string) => request('GET', `/rooms/${seg(id)}/access`, RoomAccess),
    setRoomAccess: (id: string, body: RoomAccess) =>
      request('PUT', `/rooms/${seg(id)}/access`, RoomAccess, body),

    retention: (id: string) => request('GET', `/rooms/${seg(id)}/retention`, RetentionPolicy),
    setRetention: (id: string, days: number | null) =>
      request('PUT', `/rooms/${seg(id)}/retention`, RetentionPolicy, { days }),

    ding: (id: string, body: DingRequest) =>
      request('POST', `/rooms/${seg(id)}/ding`, DingPermit, body),
    verifyDing: (id: string, permit: string) =>
      request('POST', `/rooms/${seg(id)}/ding/verify`, DingVerification, { permit }),

    notify: (id: string, body: NotifyBody) =>
      request('POST', `/rooms/${seg(id)}/notify`, NotifyResult, body),
    notifications: () => request('GET', '/notifications', z.array(Notification)),
    markNotificationsRead: (ids: string[]) =>
      request('POST', '/notifications/read', Empty, { ids }),

    audit: () => request('GET', '/audit', z.array(AuditEntry)),
    models: () => request('GET', '/models', z.array(ModelInfo)),
    org: orgApi(request),
    approvals: approvalsApi(request),
    calendarInvites: calendarInvitesApi(request),
    availability: availabilityApi(request),
    calendarFeeds: calendarFeedsApi(request),
  };
}

export type Api = ReturnType<typeof createApi>;
