import type { Ding } from '../../workspace/chat/index.js';
import type { ChannelActions } from './channel-actions.js';
import type { ChannelMessage } from './use-channel.js';

export const QUICK_REACTIONS = ['👍', '🎉', '❤️', '😄', '👀'] as const;

/** What every row needs from its channel. */
export interface MessageContext {
  roomId: string;
  actions: ChannelActions;
  run: (action: () => void) => void;
  pointers: Map<string, string>;
  members: string[] | null;
  dings: Ding[];
  readOnly: boolean;
  /** Deletes with a few seconds to undo [CHAT10]. */
  remove: (message: ChannelMessage) => void;
  /** Messages deleted on this device and still undoable: shown as deleted. */
  deleting: ReadonlySet<string>;
  openThread?: (id: string) => void;
  openReceipt: (message: ChannelMessage) => void;
  openDing?: (message: ChannelMessage) => void;
  /** "Create task" from this message (a task that links back to it). */
  createTask?: (message: ChannelMessage) => void;
}
