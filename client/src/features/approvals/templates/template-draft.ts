import type { TemplateBody } from '../../../../../shared/api/approvals.js';
import {
  Template,
  type ApproverSource,
  type Field,
  type FlowStep,
  type ScalarField,
} from '../../../../../shared/approvals/template.js';

/**
 * The template editor's pure side: new fields and steps with valid defaults, and the
 * check that a draft is a template ([APPR1], [APPR54]) with each problem placed where
 * the admin can find it ("Field 2 (Amount): …").
 */

export type FieldType = Field['type'];
export const FIELD_TYPES: readonly { type: FieldType; label: string }[] = [
  { type: 'text', label: 'Text' },
  { type: 'longText', label: 'Long text' },
  { type: 'number', label: 'Number' },
  { type: 'money', label: 'Money' },
  { type: 'date', label: 'Date' },
  { type: 'dateRange', label: 'Date range' },
  { type: 'choice', label: 'Choice' },
  { type: 'person', label: 'Person' },
  { type: 'department', label: 'Department' },
  { type: 'attachment', label: 'Attachment' },
  { type: 'table', label: 'Table of rows' },
];

export const SOURCE_KINDS: readonly { kind: ApproverSource['kind']; label: string }[] = [
  { kind: 'manager', label: 'The submitter’s manager' },
  { kind: 'departmentHead', label: 'Head of the submitter’s department' },
  { kind: 'people', label: 'Named people' },
  { kind: 'role', label: 'Everyone with a role' },
  { kind: 'fieldPerson', label: 'The person chosen in a field' },
  { kind: 'fieldDepartmentHead', label: 'Head of the department chosen in a field' },
];

/** The same field as another type, keeping its id, label, required and help. */
export function withType(field: Field, type: FieldType): Field {
  const base = {
    id: field.id,
    label: field.label,
    required: field.required,
    ...(field.help ? { help: field.help } : {}),
  };
  switch (type) {
    case 'money':
      return { ...base, type, currencies: ['EUR'] };
    case 'choice':
      return { ...base, type, multiple: false, options: ['Yes', 'No'] };
    case 'table':
      return { ...base, type, columns: [newField(1, 'text') as ScalarField] };
    default:
      return { ...base, type };
  }
}

/** A field numbered `n` in its list: an id the admin may keep or change. */
export function newField(n: number, type: FieldType = 'text'): Field {
  return withType({ id: `field${n}`, label: `Field ${n}`, required: false, type: 'text' }, type);
}

export function newSource(kind: ApproverSource['kind'], fields: readonly Field[]): ApproverSource {
  const fieldOf = (type: FieldType) => fields.find((f) => f.type === type)?.id ?? '';
  switch (kind) {
    case 'people':
      return { kind, ids: [] };
    case 'role':
      return { kind, role: 'admin' };
    case 'manager':
      return { kind, levels: 1, chain: false };
    case 'departmentHead':
      return { kind, levels: 0 };
    case 'fieldPerson':
      return { kind, field: fieldOf('person') };
    case 'fieldDepartmentHead':
      return { kind, field: fieldOf('department') };
  }
}

export function newStep(n: number, kind: FlowStep['kind'], fields: readonly Field[]): FlowStep {
  const source = newSource('manager', fields);
  return kind === 'approve'
    ? { kind, id: `step${n}`, mode: 'sequential', approvers: [source] }
    : { kind, id: `step${n}`, recipients: [source] };
}

export type DraftCheck = { ok: Template } | { problems: string[] };

/** Checks a draft as the relay would; `id` and `version` stand in for the relay's. */
export function checkDraft(draft: TemplateBody, id = 'draft', version = 0): DraftCheck {
  const parsed = Template.safeParse({ id, version, ...draft });
  if (parsed.success) return { ok: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const [area, index, ...rest] = issue.path;
    const where =
      area === 'fields' && typeof index === 'number'
        ? `Field ${index + 1}${draft.fields[index]?.label ? ` (${draft.fields[index].label})` : ''}`
        : area === 'flow' && typeof index === 'number'
          ? `Step ${index + 1}`
          : area === 'name'
            ? 'Name'
            : 'Template';
    const detail = rest.length ? ` ${rest.join('.')}` : '';
    return `${where}${detail}: ${issue.message}`;
  });
  return { problems: [...new Set(problems)] };
}
