import { describe, expect, it } from 'vitest';
import {
  checkDraft,
  FIELD_TYPES,
  newField,
  newSource,
  newStep,
  withType,
} from '../../../../../client/src/features/approvals/templates/template-draft.js';

describe('template editor drafts', () => {
  it('[APPR54] every field type and step the editor adds is a valid template as it stands', () => {
    const fields = FIELD_TYPES.map((t, i) => newField(i + 1, t.type));
    const flow = [newStep(1, 'approve', fields), newStep(2, 'cc', fields)];
    expect('ok' in checkDraft({ name: 'All kinds', fields, flow })).toBe(true);
    expect(withType(fields[0]!, 'money')).toMatchObject({ id: 'field1', currencies: ['EUR'] });
  });

  it('[APPR54] names where each problem is, so Save stays off until it is fixed', () => {
    const fields = [newField(1), newField(1)];
    const step = newStep(1, 'approve', fields);
    const flow = [
      step.kind === 'approve' ? { ...step, approvers: [newSource('fieldPerson', fields)] } : step,
    ];
    const check = checkDraft({ name: '', fields, flow });
    expect('problems' in check && check.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Name: /),
        expect.stringMatching(/duplicate field id "field1"/),
        expect.stringMatching(/^Step 1 .*field/),
      ]),
    );
  });
});
