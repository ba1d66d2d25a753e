import { describe, expect, it } from 'vitest';
import { ActBody, ClientAction } from '../../../../shared/api/approvals.js';
import { ACTION_KINDS } from '../../../../shared/approvals/state.js';

describe('the approvals API schemas', () => {
  it("[APPR32] [APPR82] a device may ask for every action but submit and the relay's reroute, and resubmit carries only the form", () => {
    const kinds = ClientAction.options.map((o) => o.shape.kind.value).sort();
    expect(kinds).toEqual(ACTION_KINDS.filter((k) => k !== 'submit' && k !== 'reroute').sort());
    expect(ClientAction.safeParse({ kind: 'resubmit', form: {}, route: [] }).success).toBe(false);
    // An actor in the body is not part of the action: it is dropped, never used.
    const parsed = ActBody.parse({
      actionId: 'a1234567',
      actor: 'someone',
      action: { kind: 'urge' },
    });
    expect(parsed).toEqual({ actionId: 'a1234567', action: { kind: 'urge' } });
  });
});
