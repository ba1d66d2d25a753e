import type { Message } from '../../../../shared/model/chat/messages.js';

/**
 * Whether a message is on the relay yet ("not yet sent" otherwise). The relay's confirm
 * frames carry the state vector it has durably stored; a message whose Yjs item
 * (client, clock) is below that vector is stored there. Before the first confirm of a
 * session the state vector is unknown: then only this device's own unconfirmed
 * transactions (pending > 0) can be missing, so the author's messages count as unsent.
 */
export function isOnRelay(
  message: Pick<Message, 'item' | 'author'>,
  relayState: ReadonlyMap<number, number> | null,
  me: string,
  pending: number,
): boolean {
  if (message.author !== me) return true;
  if (relayState === null) return pending === 0;
  if (message.item === null) return true;
  return (relayState.get(message.item.client) ?? 0) > message.item.clock;
}
