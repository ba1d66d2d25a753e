import { describe, expect, it } from 'vitest';
import type { InviteSummary } from '../../../../../shared/api/schemas.js';
import { inviteLink } from '../../../../../client/src/features/settings/invite-link.js';
import { inviteStatus } from '../../../../../client/src/features/settings/invite-status.js';

const now = 1_700_000_000_000;
const invite: InviteSummary = {
  id: 'i1',
  role: 'member',
  groups: [],
  createdBy: 'u1',
  createdAt: now - 1_000,
  expiresAt: now + 60_000,
  maxUses: 2,
  uses: 1,
  revoked: false,
};

describe('inviteStatus', () => {
  it('is active while unexpired, unrevoked and not used up', () => {
    expect(inviteStatus(invite, now)).toBe('active');
  });

  it('names why a link stopped working; revoked wins over the rest', () => {
    expect(inviteStatus({ ...invite, expiresAt: now }, now)).toBe('expired');
    expect(inviteStatus({ ...invite, uses: 2 }, now)).toBe('used-up');
    expect(inviteStatus({ ...invite, uses: 2, expiresAt: now, revoked: true }, now)).toBe(
      'revoked',
    );
  });

  it('builds the link on this origin, with the token escaped', () => {
    expect(inviteLink('https://ws.example', 'a/b c')).toBe('https://ws.example/invite/a%2Fb%20c');
  });
});
