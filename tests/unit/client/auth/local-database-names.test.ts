import { describe, expect, it } from 'vitest';
import {
  appDatabaseNames,
  roomDatabaseNames,
} from '../../../../client/src/auth/local-database-names.js';

const onDevice = [
  'ws:scratchpad',
  'ws:roomAAAA',
  'ws:roomAAAA:2024-05',
  'ws:roomAAAA:2024-06',
  'ws:roomAAAAB',
  'ws:roomBBBB',
  'workbox-expiration',
  'other-app',
];

describe('local database names', () => {
  it('every ws: database is app data; other databases are left alone', () => {
    expect(appDatabaseNames(onDevice)).toEqual(onDevice.slice(0, 6));
  });

  it('a lost room takes its main database and every part, and nothing that merely shares a prefix', () => {
    expect(roomDatabaseNames(onDevice, ['roomAAAA'])).toEqual([
      'ws:roomAAAA',
      'ws:roomAAAA:2024-05',
      'ws:roomAAAA:2024-06',
    ]);
  });

  it('several rooms at once; rooms without local data are fine', () => {
    expect(roomDatabaseNames(onDevice, ['roomBBBB', 'scratchpad', 'roomCCCC'])).toEqual([
      'ws:scratchpad',
      'ws:roomBBBB',
    ]);
    expect(roomDatabaseNames(onDevice, [])).toEqual([]);
  });
});
