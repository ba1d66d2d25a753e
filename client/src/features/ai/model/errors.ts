/** Why a pure AI function refused its input. Nothing is computed when one is thrown. */
export type AiInputErrorCode = 'invalid-input' | 'dimension-mismatch';

export class AiInputError extends Error {
  readonly code: AiInputErrorCode;

  constructor(code: AiInputErrorCode, message: string) {
    super(message);
    this.name = 'AiInputError';
    this.code = code;
  }
}
