/**
 * Each person's own calendar: made on their first visit to /calendar, private to
 * them. Its id is derived from the person's id so that two devices making it at
 * once (or one offline that comes back) agree on one room: the second create gets
 * "already exists" and takes the room if this person owns it [CAL35]. An id taken
 * by someone else's room (ids are guessable) is never used; a random suffix is.
 */
import { createEffect, type Accessor } from 'solid-js';
import type { DirectoryRoom } from '../../../../shared/api/schemas.js';
import { ApiFailure } from '../../auth/api-failure.js';
import type { Api } from '../../auth/api.js';
import { useApi, useSession } from '../../auth/session-context.js';
import { newRoomId } from '../../workspace/rooms/new-room-id.js';
import { useDirectory } from '../../workspace/workspace-context.js';

export const PERSONAL_TITLE = 'My calendar';

/** The room id of `userId`'s personal calendar (room ids allow A–Z a–z 0–9 _ -, 64 long). */
export function personalCalendarId(userId: string): string {
  return `personal-${userId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 46)}`;
}

/** Whether `room` is `userId`'s personal calendar (theirs, under their personal id). */
export function isPersonalCalendar(room: DirectoryRoom, userId: string): boolean {
  return (
    room.kind === 'calendar' &&
    room.ownerId === userId &&
    room.id.startsWith(personalCalendarId(userId))
  );
}

/** Creates the personal calendar, or finds the one another device of this person made. */
export async function ensurePersonalCalendar(
  api: Pick<Api, 'createRoom' | 'room'>,
  userId: string,
): Promise<DirectoryRoom> {
  const id = personalCalendarId(userId);
  const create = (roomId: string) =>
    api.createRoom({ id: roomId, kind: 'calendar', title: PERSONAL_TITLE });
  try {
    return await create(id);
  } catch (failure) {
    if (!(failure instanceof ApiFailure) || failure.status !== 409) throw failure;
    const existing = await api.room(id).catch(() => null);
    if (existing?.ownerId === userId && existing.kind === 'calendar') return existing;
    return create(`${id}-${newRoomId().slice(0, 8)}`);
  }
}

/**
 * The signed-in person's calendar, made once when the page finds none. Offline or
 * refused, it is simply tried again on the next visit.
 */
export function usePersonalCalendar(): Accessor<DirectoryRoom | undefined> {
  const api = useApi();
  const session = useSession();
  const directory = useDirectory();
  const mine = () => {
    const me = session.me()?.user;
    return me
      ? directory.ofKind('calendar').find((room) => isPersonalCalendar(room, me.id))
      : undefined;
  };
  let tried = false;
  createEffect(() => {
    const me = session.me()?.user;
    if (tried || !me || me.role === 'guest' || mine()) return;
    tried = true;
    ensurePersonalCalendar(api, me.id).then(
      (room) => session.addRoom(room),
      () => undefined,
    );
  });
  return mine;
}
