import type { RoomKind } from '../../../../shared/api/schemas.js';

export const kindLabels: Record<RoomKind, string> = {
  doc: 'Document',
  channel: 'Channel',
  dm: 'Direct message',
  board: 'Task board',
  calendar: 'Calendar',
};
