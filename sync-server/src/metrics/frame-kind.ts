import * as decoding from 'lib0/decoding';
import { CloseCode } from '../../../shared/protocol/close-codes.js';
import { MessageType } from '../../../shared/protocol/message-types.js';
import { MuxKind } from '../../../shared/protocol/mux.js';
import type { Protocol, RefusalReason } from './metrics.js';

/** The `kind` label of relay_frames_total and relay_bytes_total [METRIC2]. */
export const FRAME_KINDS = ['sync', 'awareness', 'confirm', 'feed', 'control', 'other'] as const;
export type FrameKind = (typeof FRAME_KINDS)[number];

/**
 * Reads only the leading varUints (a room frame's kind, room name length and inner
 * message type), never the payload, so that counting costs a few byte reads per
 * frame. Anything undecodable is `other`; the relay proper judges it.
 */
export function frameKind(protocol: Protocol, frame: Uint8Array): FrameKind {
  if (frame.length === 0) return 'other';
  try {
    if (protocol === 'v1') return messageKind(frame[0]);
    const decoder = decoding.createDecoder(frame);
    switch (decoding.readVarUint(decoder)) {
      case MuxKind.room: {
        const nameLength = decoding.readVarUint(decoder);
        decoder.pos += nameLength;
        decoding.readVarUint(decoder); // the inner frame's length
        return messageKind(frame[decoder.pos]);
      }
      case MuxKind.hello:
      case MuxKind.heads:
      case MuxKind.feed:
      case MuxKind.directory:
        return 'feed';
      case MuxKind.subscribe:
      case MuxKind.unsubscribe:
      case MuxKind.closed:
        return 'control';
      default:
        return 'other';
    }
  } catch {
    return 'other';
  }
}

function messageKind(type: number | undefined): FrameKind {
  switch (type) {
    case MessageType.sync:
      return 'sync';
    case MessageType.awareness:
      return 'awareness';
    case MessageType.confirm:
      return 'confirm';
    default:
      return 'other';
  }
}

/** The close codes that are refusals, and of what (relay_refusals_total) [METRIC4]. */
export const REFUSAL_OF_CLOSE: ReadonlyMap<number, RefusalReason> = new Map([
  [CloseCode.malformedFrame, 'bad_frame'],
  [CloseCode.unknownMessageType, 'bad_frame'],
  [CloseCode.messageTooBig, 'bad_frame'],
  [CloseCode.accessRevoked, 'access'],
  [CloseCode.invalidRoomName, 'bad_room_name'],
  [CloseCode.accountDeactivated, 'access'],
  [CloseCode.updateRefused, 'admission'],
  [CloseCode.updateDeferred, 'admission'],
  [CloseCode.unsupportedProtocolVersion, 'protocol_version'],
  [CloseCode.rateLimited, 'rate_limit'],
]);
