import type { z } from 'zod';

/** Why a calendar model function refused an edit. Nothing is written when one is thrown. */
export type CalendarErrorCode =
  'invalid-input' | 'event-not-found' | 'event-exists' | 'not-recurring' | 'occurrence-not-found';

/** Thrown by the calendar model's writers; `code` is what a caller switches on. */
export class CalendarError extends Error {
  readonly code: CalendarErrorCode;

  constructor(code: CalendarErrorCode, message: string) {
    super(message);
    this.name = 'CalendarError';
    this.code = code;
  }
}

/** A zod failure as one line: `path: message; path: message`. */
export function issuesText(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || '(value)'}: ${issue.message}`)
    .join('; ');
}

/** Parses `input` with `schema`, turning a zod failure into a CalendarError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new CalendarError('invalid-input', issuesText(result.error));
}
