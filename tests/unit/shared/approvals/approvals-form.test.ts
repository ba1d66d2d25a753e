import { describe, expect, it } from 'vitest';
import { validateForm } from '../../../../shared/approvals/form.js';
import { Template } from '../../../../shared/approvals/template.js';
import { orgChart } from './org-fixture.js';

const expense = Template.parse({
  id: 'expense',
  version: 1,
  name: 'Expense',
  fields: [
    { id: 'title', label: 'Title', type: 'text', required: true, maxLength: 10, help: 'Short' },
    { id: 'notes', label: 'Notes', type: 'longText', required: false },
    { id: 'km', label: 'Km', type: 'number', required: false, min: 0 },
    { id: 'total', label: 'Total', type: 'money', required: true, currencies: ['EUR'] },
    { id: 'day', label: 'Day', type: 'date', required: false },
    { id: 'trip', label: 'Trip', type: 'dateRange', required: false },
    {
      id: 'tags',
      label: 'Tags',
      type: 'choice',
      required: false,
      multiple: true,
      options: ['a', 'b'],
    },
    { id: 'who', label: 'Who', type: 'person', required: false },
    { id: 'dept', label: 'Dept', type: 'department', required: false },
    { id: 'files', label: 'Files', type: 'attachment', required: false },
    {
      id: 'lines',
      label: 'Lines',
      type: 'table',
      required: true,
      columns: [
        { id: 'what', label: 'What', type: 'text', required: true },
        { id: 'amount', label: 'Amount', type: 'money', required: true, currencies: ['EUR'] },
      ],
    },
  ],
  flow: [],
});

const good = {
  title: 'Taxi',
  total: { amount: 4500, currency: 'EUR' },
  day: '2025-03-10',
  trip: { from: '2025-03-10', to: '2025-03-11' },
  tags: ['a'],
  who: 'fh1',
  dept: 'fin',
  files: [{ id: 'f1', name: 'receipt.pdf' }],
  lines: [{ what: 'taxi', amount: { amount: 4500, currency: 'EUR' } }],
};

describe('approval templates and forms', () => {
  it('[APPR1] a template with duplicate ids or a person source on a non-person field is refused', () => {
    const flow = [
      {
        kind: 'approve',
        id: 's',
        mode: 'any',
        approvers: [{ kind: 'fieldPerson', field: 'title' }],
      },
    ];
    expect(Template.safeParse({ ...expense, flow }).error?.message).toMatch(
      /title\W+ is not a person field/,
    );
    const twice = { ...expense, fields: [...expense.fields, expense.fields[0]] };
    expect(Template.safeParse(twice).error?.message).toMatch(/duplicate field id \W+title/);
  });

  it('[APPR2] a good form passes; each bad value is reported by field and nothing is changed', () => {
    const org = orgChart();
    expect(validateForm(expense, good, org)).toEqual({ ok: good });
    const bad = {
      title: 'A title far too long',
      km: -1,
      total: { amount: 1.5, currency: 'EUR' },
      day: '2025-02-30',
      trip: { from: '2025-03-11', to: '2025-03-10' },
      tags: ['a', 'a'],
      who: 'nobody',
      dept: 'nowhere',
      files: ['x'],
      lines: [{ what: 'taxi', amount: { amount: 1, currency: 'USD' }, extra: 1 }],
      unknown: 1,
    };
    const copy = structuredClone(bad);
    const result = validateForm(expense, bad, org);
    expect('errors' in result && result.errors.map((e) => e.field).sort()).toEqual(
      [
        'day',
        'dept',
        'files',
        'km',
        'lines[0].amount',
        'lines[0].extra',
        'tags',
        'title',
        'total',
        'trip',
        'unknown',
        'who',
      ].sort(),
    );
    expect(bad).toEqual(copy);
    expect(validateForm(expense, { title: 'x', total: null, lines: [] })).toEqual({
      errors: [
        { field: 'total', message: 'Total is required' },
        { field: 'lines', message: 'Lines is required' },
      ],
    });
  });
});
