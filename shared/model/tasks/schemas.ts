/**
 * Schemas of what the task model accepts, and of the plain JSON values it stores
 * inside the Y.Maps (see index.ts for the layout). Types are inferred from them.
 * Values read back from a doc are checked with the same schemas, because another
 * replica (an older or newer app) may have written them.
 */
import { z } from 'zod';
import { RecurrenceRule } from './recurrence/rule.js';
import { TaskDate } from './recurrence/task-date.js';

/** Ids are chosen by the caller (e.g. crypto.randomUUID()) so model code stays deterministic. */
export const Id = z
  .string()
  .regex(/^[\w.:~-]{1,100}$/, 'expected an id: letters, digits, _ . : ~ -');
export type Id = z.infer<typeof Id>;

export const UserId = z.string().min(1).max(128);
export type UserId = z.infer<typeof UserId>;

export const Priority = z.enum(['none', 'low', 'medium', 'high', 'urgent']);
export type Priority = z.infer<typeof Priority>;

export const Label = z.string().trim().min(1).max(64);

export const Title = z.string().trim().min(1).max(500);

/** Minutes before the due time at which the assignees are reminded (0 = at the due time). */
export const ReminderOffsets = z
  .array(
    z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 60),
  )
  .max(10);

/** Where a task points: a doc, a chat message, another task or a web address. */
export const Link = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('doc'), room: z.string().min(1), anchor: z.string().optional() }),
  z.object({ kind: z.literal('chat'), room: z.string().min(1), messageId: z.string().min(1) }),
  z.object({ kind: z.literal('task'), projectId: z.string().min(1), taskId: z.string().min(1) }),
  // Only web addresses: a link is rendered as an href, and javascript: URLs run code.
  z.object({ kind: z.literal('url'), url: z.url({ protocol: /^https?$/ }).max(2000) }),
]);
export type Link = z.infer<typeof Link>;

/**
 * A card's place and completion, stored as ONE value so that concurrent edits
 * (a move here, a completion there) resolve last-writer-wins as a unit: no replica
 * ends with one device's column and the other's key, or a card completed in
 * "To do" because the completion and the move came from different writers.
 */
export const TaskStatus = z.object({
  columnId: z.string(),
  key: z.string(),
  completedAt: z.number().nullable(),
  completedBy: z.string().nullable(),
});
export type TaskStatus = z.infer<typeof TaskStatus>;

export const CreateTaskInput = z.object({
  id: Id,
  title: Title,
  /** Plain text; each line becomes a paragraph of the rich description. */
  description: z.string().max(100_000).optional(),
  /** Defaults to the first column; the task goes at the end unless `index` is given. */
  columnId: Id.optional(),
  index: z.number().int().min(0).optional(),
  assignees: z.array(UserId).max(100).optional(),
  labels: z.array(Label).max(50).optional(),
  priority: Priority.optional(),
  due: TaskDate.nullable().optional(),
  start: TaskDate.nullable().optional(),
  recurrence: RecurrenceRule.nullable().optional(),
  reminders: ReminderOffsets.optional(),
  /** Where the task was created from (a chat message, a doc selection). */
  source: Link.nullable().optional(),
});
export type CreateTaskInput = z.input<typeof CreateTaskInput>;

/** Fields of a task that change by plain assignment; absent fields stay as they are. */
export const TaskPatch = z.object({
  title: Title.optional(),
  priority: Priority.optional(),
  due: TaskDate.nullable().optional(),
  start: TaskDate.nullable().optional(),
  recurrence: RecurrenceRule.nullable().optional(),
  reminders: ReminderOffsets.optional(),
  /** The full set of labels; applied as adds and removes so concurrent edits merge. */
  labels: z.array(Label).max(50).optional(),
});
export type TaskPatch = z.input<typeof TaskPatch>;

/**
 * Who edits and when; `origin` tags the Yjs transaction (one of the client's
 * client/src/sync/origins.ts, `origins.edit` by default; a symbol, as shared code cannot name them).
 */
export interface EditContext {
  readonly by: UserId;
  readonly now: number;
  readonly origin?: symbol;
}
