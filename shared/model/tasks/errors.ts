import type { z } from 'zod';

/** Why a model function refused an edit. Nothing is written when one is thrown. */
export type TaskModelErrorCode =
  | 'invalid-input'
  | 'task-not-found'
  | 'column-not-found'
  | 'last-column'
  | 'recurrence-needs-due-date';

/** Thrown by the task model; `code` is what a caller switches on. */
export class TaskModelError extends Error {
  readonly code: TaskModelErrorCode;

  constructor(code: TaskModelErrorCode, message: string) {
    super(message);
    this.name = 'TaskModelError';
    this.code = code;
  }
}

/** Parses `input` with `schema`, turning a zod failure into a TaskModelError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues
    .map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`)
    .join('; ');
  throw new TaskModelError('invalid-input', issues);
}
