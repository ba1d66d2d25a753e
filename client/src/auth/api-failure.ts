/**
 * Why an API call failed. `offline` means the relay could not be reached at all (no
 * network, relay down): the app keeps working from the device's copy. Anything else is
 * an answer from the relay, with its HTTP status and ApiErrorCode.
 */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiFailure';
    this.status = status;
    this.code = code;
  }

  static offline(): ApiFailure {
    return new ApiFailure(0, OFFLINE_CODE, 'The relay cannot be reached. Check your connection.');
  }

  get offline(): boolean {
    return this.code === OFFLINE_CODE;
  }
}

const OFFLINE_CODE = 'offline';
