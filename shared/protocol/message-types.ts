/**
 * First varUint of every WebSocket frame. 0–3 are y-websocket's own; 100 is ours
 * and is only ever sent to clients that asked for it (see PROTOCOL.md §Confirm).
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  confirm: 100,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Second varUint of a sync frame (y-protocols/sync). */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType];

/** Query parameter a client sets to receive confirm frames. */
export const CONFIRM_PARAM = 'confirm';
