import type { Box } from '../../../../shared/api/approvals.js';

export const BOXES: readonly { box: Box; label: string; empty: string }[] = [
  { box: 'toApprove', label: 'To approve', empty: 'Nothing is waiting for your decision.' },
  { box: 'submitted', label: 'Submitted by me', empty: 'Requests you file show up here.' },
  { box: 'approved', label: 'Approved by me', empty: 'Requests you approved show up here.' },
  { box: 'cc', label: 'CC’d to me', empty: 'Requests that copy you in show up here.' },
];

export const STATUS_LABEL = {
  pending: 'Pending',
  approved: 'Approved',
  rejected: 'Rejected',
  returned: 'Returned',
  withdrawn: 'Withdrawn',
} as const;
