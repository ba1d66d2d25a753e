import { describe, expect, it, vi } from 'vitest';
import type { DirectoryRoom, RoomKind } from '../../../../shared/api/schemas.js';

// The directory is a memo: test it with Solid's browser build (Node gets the server
// build, whose memos never re-run).
// @ts-expect-error the build file has no types of its own; it is the API of 'solid-js'
vi.mock('solid-js', () => import('solid-js/dist/solid.js'));
const { createRoot, createSignal } = await import('solid-js');
const { createDirectory } = await import('../../../../client/src/workspace/directory.js');

const room = (id: string, kind: RoomKind, title: string): DirectoryRoom => ({
  id,
  kind,
  title,
  ownerId: 'ann',
  level: 'write',
  canManage: true,
  createdAt: 0,
  parentId: null,
  trashedAt: null,
  favourite: false,
});

describe('the room directory', () => {
  it('finds rooms by id and lists each kind by title, then id', () => {
    createRoot((dispose) => {
      const rooms = [
        room('c2', 'channel', 'random'),
        room('b1', 'board', 'Launch'),
        room('c1', 'channel', 'general'),
        room('d1', 'dm', 'Ann, Bob'),
        room('c3', 'channel', 'general'),
      ];
      const directory = createDirectory(() => rooms);
      expect(directory.byId('b1')?.title).toBe('Launch');
      expect(directory.byId('nope')).toBeUndefined();
      expect(directory.ofKind('channel').map((r) => r.id)).toEqual(['c1', 'c3', 'c2']);
      expect(directory.ofKind('doc')).toEqual([]);
      expect(directory.ofKind('channel', 'dm').map((r) => r.id)).toEqual(['d1', 'c1', 'c3', 'c2']);
      dispose();
    });
  });

  it('keeps the same arrays until the directory changes, then re-indexes', () => {
    createRoot((dispose) => {
      const [rooms, setRooms] = createSignal<readonly DirectoryRoom[]>([
        room('c1', 'channel', 'general'),
      ]);
      const directory = createDirectory(rooms);
      const channels = directory.ofKind('channel');
      const chats = directory.ofKind('channel', 'dm');
      expect(directory.ofKind('channel')).toBe(channels);
      expect(directory.ofKind('dm', 'channel')).toBe(chats);
      setRooms([room('c1', 'channel', 'general'), room('c0', 'channel', 'design')]);
      expect(directory.ofKind('channel').map((r) => r.id)).toEqual(['c0', 'c1']);
      expect(directory.byId('c0')?.title).toBe('design');
      dispose();
    });
  });
});
