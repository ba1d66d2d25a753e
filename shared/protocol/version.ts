/**
 * Version of our additions to the y-websocket wire protocol (see PROTOCOL.md).
 * Bump it when a frame's meaning changes; the relay reports it in /healthz.
 */
export const PROTOCOL_VERSION = 1;
