import { z } from 'zod';
import type { OrgChart } from '../org/org-chart.js';
import type { Field, ScalarField, Template } from './template.js';

/**
 * A filled form: field id -> value, plain JSON so it can be hashed into the log
 * (APPROVALS.md [APPR2] lists each field type's value). validateForm checks a form
 * against its template and, given the org chart, that person and department fields
 * name real, active people and existing departments.
 */
export const FormValues = z.record(z.string(), z.json());
export type FormValues = z.infer<typeof FormValues>;

export const Money = z.object({ amount: z.number().int(), currency: z.string() }).strict();
export type Money = z.infer<typeof Money>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (value: unknown): value is string =>
  typeof value === 'string' &&
  DAY.test(value) &&
  new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

export const Attachment = z.object({ id: z.string().min(1), name: z.string().min(1) }).strict();

export type FormError = { field: string; message: string };

export function validateForm(
  template: Template,
  form: FormValues,
  org?: OrgChart,
): { ok: FormValues } | { errors: FormError[] } {
  const errors: FormError[] = [];
  const known = new Set(template.fields.map((f) => f.id));
  for (const key of Object.keys(form)) {
    if (!known.has(key)) errors.push({ field: key, message: 'not a field of this template' });
  }
  for (const field of template.fields) checkField(field, form[field.id], field.id, org, errors);
  return errors.length === 0 ? { ok: form } : { errors };
}

function empty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

function checkField(
  field: Field,
  value: unknown,
  path: string,
  org: OrgChart | undefined,
  errors: FormError[],
) {
  if (empty(value)) {
    if (field.required) errors.push({ field: path, message: `${field.label} is required` });
    return;
  }
  if (field.type !== 'table') {
    const message = scalarError(field, value, org);
    if (message) errors.push({ field: path, message });
    return;
  }
  if (!Array.isArray(value)) {
    errors.push({ field: path, message: 'expected a list of rows' });
    return;
  }
  value.forEach((row, i) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      errors.push({ field: `${path}[${i}]`, message: 'expected a row' });
      return;
    }
    const cells = row as Record<string, unknown>;
    const columns = new Set(field.columns.map((c) => c.id));
    for (const key of Object.keys(cells)) {
      if (!columns.has(key))
        errors.push({ field: `${path}[${i}].${key}`, message: 'not a column of this table' });
    }
    for (const column of field.columns)
      checkField(column, cells[column.id], `${path}[${i}].${column.id}`, org, errors);
  });
}

/** The reason a non-empty value does not fit its field, or null. */
function scalarError(field: ScalarField, value: unknown, org: OrgChart | undefined): string | null {
  switch (field.type) {
    case 'text':
    case 'longText':
      if (typeof value !== 'string') return 'expected text';
      if (
        field.type === 'text' &&
        field.maxLength !== undefined &&
        value.length > field.maxLength
      ) {
        return `at most ${field.maxLength} characters`;
      }
      return null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number';
      if (field.min !== undefined && value < field.min) return `at least ${field.min}`;
      if (field.max !== undefined && value > field.max) return `at most ${field.max}`;
      return null;
    case 'money': {
      const money = Money.safeParse(value);
      if (!money.success) return 'expected {amount (integer, minor units), currency}';
      return field.currencies.includes(money.data.currency)
        ? null
        : `currency must be one of ${field.currencies.join(', ')}`;
    }
    case 'date':
      return isDay(value) ? null : 'expected a date YYYY-MM-DD';
    case 'dateRange': {
      const range = value as { from?: unknown; to?: unknown };
      if (
        typeof value !== 'object' ||
        value === null ||
        !isDay(range.from) ||
        !isDay(range.to) ||
        Object.keys(value).length !== 2
      ) {
        return 'expected {from, to} dates YYYY-MM-DD';
      }
      return range.from <= range.to ? null : 'the range ends before it starts';
    }
    case 'choice': {
      const picked = field.multiple ? value : [value];
      if (!Array.isArray(picked) || !picked.every((v) => typeof v === 'string')) {
        return field.multiple ? 'expected a list of options' : 'expected one option';
      }
      if (new Set(picked).size !== picked.length) return 'an option is chosen twice';
      const bad = picked.find((v) => !field.options.includes(v));
      return bad === undefined ? null : `"${bad}" is not an option`;
    }
    case 'person':
      if (typeof value !== 'string') return 'expected a person id';
      if (org && !org.people.some((p) => p.id === value && p.active))
        return 'no such active person';
      return null;
    case 'department':
      if (typeof value !== 'string') return 'expected a department id';
      if (org && !org.departments.some((d) => d.id === value)) return 'no such department';
      return null;
    case 'attachment':
      return z.array(Attachment).safeParse(value).success
        ? null
        : 'expected a list of {id, name} files';
  }
}
