/** Why a chat model function refused a change. Nothing is written when one is thrown. */
export type ChatModelErrorCode =
  | 'invalid-input'
  | 'message-not-found'
  | 'not-author'
  | 'message-deleted'
  | 'rate-limited'
  | 'not-recipient';

export class ChatModelError extends Error {
  readonly code: ChatModelErrorCode;

  constructor(code: ChatModelErrorCode, message: string) {
    super(message);
    this.name = 'ChatModelError';
    this.code = code;
  }
}
