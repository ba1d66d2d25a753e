import { z } from 'zod';
import { Role } from '../access/levels.js';

/**
 * An approval template (APPROVALS.md, "Templates"): the form a submitter fills and
 * the flow its requests take. Templates are plain data so the relay (which resolves
 * routes at submit) and a device (which previews them) read the same thing.
 */

const Id = z.string().min(1).max(100);

const FieldBase = {
  id: Id,
  label: z.string().min(1).max(200),
  required: z.boolean(),
  help: z.string().max(1000).optional(),
};

/** ISO 4217 codes, upper case. */
export const Currency = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code');

/** Fields that may appear in a table row (a table inside a table is refused). */
const ScalarField = z.discriminatedUnion('type', [
  z.object({
    ...FieldBase,
    type: z.literal('text'),
    maxLength: z.number().int().positive().optional(),
  }),
  z.object({ ...FieldBase, type: z.literal('longText') }),
  z.object({
    ...FieldBase,
    type: z.literal('number'),
    min: z.number().optional(),
    max: z.number().optional(),
  }),
  z.object({ ...FieldBase, type: z.literal('money'), currencies: z.array(Currency).min(1) }),
  z.object({ ...FieldBase, type: z.literal('date') }),
  z.object({ ...FieldBase, type: z.literal('dateRange') }),
  z.object({
    ...FieldBase,
    type: z.literal('choice'),
    multiple: z.boolean(),
    options: z.array(z.string().min(1)).min(1),
  }),
  z.object({ ...FieldBase, type: z.literal('person') }),
  z.object({ ...FieldBase, type: z.literal('department') }),
  z.object({ ...FieldBase, type: z.literal('attachment') }),
]);
export type ScalarField = z.infer<typeof ScalarField>;

export const Field = z.union([
  ScalarField,
  z.object({ ...FieldBase, type: z.literal('table'), columns: z.array(ScalarField).min(1) }),
]);
export type Field = z.infer<typeof Field>;

/** A condition on the form and the submitter ([APPR4]). */
export type Condition =
  | {
      kind: 'compare';
      field: string;
      op: 'gt' | 'gte' | 'lt' | 'lte' | 'eq';
      value: number;
      currency?: string | undefined;
    }
  | { kind: 'choice'; field: string; anyOf: string[] }
  | { kind: 'submitterIn'; departmentIds: string[] }
  | { kind: 'all' | 'any'; of: Condition[] }
  | { kind: 'not'; of: Condition };
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('compare'),
      field: Id,
      op: z.enum(['gt', 'gte', 'lt', 'lte', 'eq']),
      value: z.number(),
      currency: Currency.optional(),
    }),
    z.object({ kind: z.literal('choice'), field: Id, anyOf: z.array(z.string()).min(1) }),
    z.object({ kind: z.literal('submitterIn'), departmentIds: z.array(Id).min(1) }),
    z.object({ kind: z.enum(['all', 'any']), of: z.array(Condition) }),
    z.object({ kind: z.literal('not'), of: Condition }),
  ]),
);

/** Where a step's people come from ([APPR3]). */
export const ApproverSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('people'), ids: z.array(Id).min(1) }),
  z.object({ kind: z.literal('role'), role: Role }),
  /** The submitter's manager `levels` up (1 = direct); `chain` takes every level 1..levels in order. */
  z.object({
    kind: z.literal('manager'),
    levels: z.number().int().min(1).max(20),
    chain: z.boolean(),
  }),
  /** Heads of the submitter's primary department `levels` up (0 = their own). */
  z.object({ kind: z.literal('departmentHead'), levels: z.number().int().min(0).max(20) }),
  /** Heads of the department chosen in a department field. */
  z.object({ kind: z.literal('fieldDepartmentHead'), field: Id }),
  /** The person (or people) chosen by the submitter in a person field. */
  z.object({ kind: z.literal('fieldPerson'), field: Id }),
]);
export type ApproverSource = z.infer<typeof ApproverSource>;

export const StepMode = z.enum(['sequential', 'all', 'any']);
export type StepMode = z.infer<typeof StepMode>;

export const FlowStep = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('approve'),
    id: Id,
    name: z.string().max(200).optional(),
    mode: StepMode,
    approvers: z.array(ApproverSource).min(1),
    when: Condition.optional(),
  }),
  z.object({
    kind: z.literal('cc'),
    id: Id,
    name: z.string().max(200).optional(),
    recipients: z.array(ApproverSource).min(1),
    when: Condition.optional(),
  }),
]);
export type FlowStep = z.infer<typeof FlowStep>;

export const Template = z
  .object({
    id: Id,
    version: z.number().int().nonnegative(),
    name: z.string().min(1).max(200),
    fields: z.array(Field),
    flow: z.array(FlowStep),
  })
  .superRefine((t, ctx) => {
    const unique = (ids: string[], what: string) => {
      const seen = new Set<string>();
      for (const id of ids) {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `duplicate ${what} id "${id}"` });
        seen.add(id);
      }
    };
    unique(
      t.fields.map((f) => f.id),
      'field',
    );
    unique(
      t.flow.map((s) => s.id),
      'step',
    );
    const byId = new Map(t.fields.map((f) => [f.id, f]));
    const sources = t.flow.flatMap((s) => (s.kind === 'approve' ? s.approvers : s.recipients));
    for (const source of sources) {
      if (source.kind !== 'fieldPerson' && source.kind !== 'fieldDepartmentHead') continue;
      const wanted = source.kind === 'fieldPerson' ? 'person' : 'department';
      if (byId.get(source.field)?.type !== wanted) {
        ctx.addIssue({ code: 'custom', message: `"${source.field}" is not a ${wanted} field` });
      }
    }
  });
export type Template = z.infer<typeof Template>;
