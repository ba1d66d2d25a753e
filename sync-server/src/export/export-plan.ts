import type { ExportScope } from '../../../shared/model/export/export-layout.js';
import type { Accounts } from '../auth/accounts.js';
import { ApiFailure } from '../auth/api-failure.js';
import type { IdentityStore, UserRow } from '../auth/identity/identity-store.js';
import type { RoomDirectory } from '../auth/room-directory.js';
import type { ExportRoom } from './export-context.js';

/** Who is asking for what: the whole workspace (an admin, or the operator's CLI) or one person's view. */
export type ExportRequest =
  { scope: 'admin'; actor: UserRow | null } | { scope: 'personal'; actor: UserRow };

export interface ExportPerson {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
  groups: string[];
}

/** Everything the export will hold, decided at its start from the access rules of that moment. */
export interface ExportPlan {
  scope: ExportScope;
  workspace: string;
  people: ExportPerson[];
  groups: { id: string; name: string; members: string[] }[];
  rooms: ExportRoom[];
}

export interface PlanDeps {
  store: IdentityStore;
  directory: RoomDirectory;
  accounts: Accounts;
}

async function everyRoom(store: IdentityStore): Promise<ExportRoom[]> {
  const rows = await store.rooms.all();
  const rules = await store.rooms.rules(rows);
  return rows.map((row) => {
    const rule = rules.get(row.id);
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      ownerId: row.owner_id,
      createdAt: row.created_at,
      parentId: row.parent_id,
      trashedAt: row.trashed_at,
      access: {
        workspace: rule?.workspace ?? 'none',
        groups: [...(rule?.groups ?? [])].map(([id, level]) => ({ id, level })),
        users: [...(rule?.users ?? [])].map(([id, level]) => ({ id, level })),
      },
    };
  });
}

/** The rooms `user` reads, as GET /api/rooms and GET /api/rooms/:id/access show them. */
async function readableRooms(deps: PlanDeps, user: UserRow): Promise<ExportRoom[]> {
  const listed = await deps.directory.list(user);
  return Promise.all(
    listed.map(async (room) => ({
      id: room.id,
      kind: room.kind,
      title: room.title,
      ownerId: room.ownerId,
      createdAt: room.createdAt,
      parentId: room.parentId,
      trashedAt: room.trashedAt,
      access: await deps.directory.access(user, room.id),
    })),
  );
}

/** What the API would list for `user`; a guest, who may not list the workspace, gets what they may see: themselves. */
async function visible<T>(list: () => Promise<T[]>, fallback: T[]): Promise<T[]> {
  try {
    return await list();
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 403) return fallback;
    throw error;
  }
}

/**
 * The plan of an export [EXPORT1][EXPORT2]: an admin export holds every person,
 * group and room; a personal export exactly what the person may read at this moment
 * (the rooms GET /api/rooms lists them, the people and groups GET /api/users and
 * /api/groups show them), never more.
 */
export async function planExport(deps: PlanDeps, request: ExportRequest): Promise<ExportPlan> {
  const workspace = (await deps.store.workspace.get())?.name ?? 'Workspace';
  if (request.scope === 'admin') {
    const [people, groups, rooms] = await Promise.all([
      deps.store.people.all(),
      deps.store.groups.all(),
      everyRoom(deps.store),
    ]);
    const groupsOf = new Map<string, string[]>();
    for (const g of groups)
      for (const m of g.members) groupsOf.set(m, [...(groupsOf.get(m) ?? []), g.id]);
    return {
      scope: 'admin',
      workspace,
      people: people.map((p) => ({
        id: p.id,
        name: p.name,
        email: p.email,
        role: p.role,
        active: p.active === 1,
        groups: groupsOf.get(p.id) ?? [],
      })),
      groups,
      rooms,
    };
  }
  const user = request.actor;
  const self = (await deps.accounts.me(user)).user;
  const [people, groups, rooms] = await Promise.all([
    visible(() => deps.accounts.users(user), [self]),
    visible(() => deps.accounts.groups(user), []),
    readableRooms(deps, user),
  ]);
  return { scope: 'personal', workspace, people, groups, rooms };
}
