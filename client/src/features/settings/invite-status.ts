import type { InviteSummary } from '../../../../shared/api/schemas.js';

export type InviteStatus = 'active' | 'revoked' | 'expired' | 'used-up';

/** Whether an invite link still works, and if not, why. */
export function inviteStatus(invite: InviteSummary, now: number): InviteStatus {
  if (invite.revoked) return 'revoked';
  if (invite.expiresAt <= now) return 'expired';
  if (invite.uses >= invite.maxUses) return 'used-up';
  return 'active';
}

export const inviteStatusLabels: Record<InviteStatus, string> = {
  active: 'Active',
  revoked: 'Revoked',
  expired: 'Expired',
  'used-up': 'Used up',
};
