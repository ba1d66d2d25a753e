import { expect, type BrowserContext } from '@playwright/test';

/** 1,000.00 EUR in cents: expenses above it also go to finance. */
export const FINANCE_LIMIT = 100_000;

/**
 * An "Expense" template through the API (as an admin would in Settings): a title and
 * an amount; the submitter's manager approves, then, above FINANCE_LIMIT, any one of
 * `finance` (or all of them, with `financeMode` 'all'). Returns the template id.
 */
export async function createExpenseTemplate(
  admin: BrowserContext,
  finance: readonly string[],
  financeMode: 'any' | 'all' = 'any',
): Promise<string> {
  const response = await admin.request.post('/api/approvals/templates', {
    data: {
      name: 'Expense',
      fields: [
        { id: 'title', label: 'What for', type: 'text', required: true },
        {
          id: 'amount',
          label: 'Amount',
          type: 'money',
          currencies: ['EUR', 'USD'],
          required: true,
          help: 'Above 1,000 EUR finance approves too.',
        },
        {
          id: 'lines',
          label: 'Receipts',
          type: 'table',
          required: false,
          columns: [
            { id: 'item', label: 'Item', type: 'text', required: true },
            { id: 'day', label: 'Day', type: 'date', required: false },
          ],
        },
      ],
      flow: [
        {
          kind: 'approve',
          id: 'manager',
          mode: 'sequential',
          approvers: [{ kind: 'manager', levels: 1, chain: false }],
        },
        {
          kind: 'approve',
          id: 'finance',
          name: 'Finance',
          mode: financeMode,
          approvers: [{ kind: 'people', ids: finance }],
          when: {
            kind: 'compare',
            field: 'amount',
            op: 'gt',
            value: FINANCE_LIMIT,
            currency: 'EUR',
          },
        },
      ],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const record = (await response.json()) as { template: { id: string } };
  return record.template.id;
}

/** The signed-in person's user id. */
export async function userIdOf(context: BrowserContext): Promise<string> {
  const me = await context.request.get('/api/me');
  expect(me.status()).toBe(200);
  return ((await me.json()) as { user: { id: string } }).user.id;
}
