import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Page } from '@playwright/test';
import type { RequestDetail } from '../../shared/api/approvals.js';
import { entryHash, signedMessage, type LogEntry } from '../../shared/approvals/log.js';
import { addPerson, expect, OWNER, test, type Person } from './fixtures.js';
import { createExpenseTemplate, userIdOf } from '../support/approval-seed.js';
import { verifyApproval } from '../../sync-server/src/approvals/verify-approval-command.js';
import { createTestClient } from '../support/test-client.js';

const SAM: Person = { name: 'Sam Submitter', email: 'sam@e2e.example', password: 'sam-password-1' };
const MIA: Person = { name: 'Mia Manager', email: 'mia@e2e.example', password: 'mia-password-1' };
const FAY: Person = { name: 'Fay Finance', email: 'fay@e2e.example', password: 'fay-password-1' };

test('[HOME6] [APPR69] [APPR52] [APPR51] [APPR29] [APPR50] [APPR73] [APPR70] an expense over the limit goes submitter → manager → finance; a late second approver is refused', async ({
  openApp,
}, testInfo) => {
  const owner = await openApp('/');
  const sam = await openApp('/', { as: null });
  const mia = await openApp('/', { as: null });
  const fay = await openApp('/', { as: null });
  await addPerson(owner.context, sam.context, SAM);
  await addPerson(owner.context, mia.context, MIA);
  const fayId = await addPerson(owner.context, fay.context, FAY);
  const imported = await owner.context.request.post('/api/org/import', {
    data: {
      dryRun: false,
      csv: `email,department,manager,head\n${MIA.email},Company/Sales,,yes\n${SAM.email},Company/Sales,${MIA.email},no\n${FAY.email},Company/Finance,,yes`,
    },
  });
  expect(imported.status(), await imported.text()).toBe(200);
  await createExpenseTemplate(owner.context, [fayId, await userIdOf(owner.context)]);

  // Sam describes it; the device suggests the template and fills it in [APPR73].
  await sam.page.goto('/approvals/new');
  await sam.page
    .getByRole('textbox', { name: 'Describe it in your words' })
    .fill('Client visit in Lyon, 1500 EUR');
  await sam.page.getByRole('button', { name: 'Use Expense' }).click();
  await expect(sam.page.getByRole('textbox', { name: 'Amount' })).toHaveValue('1500.00');
  await expect(sam.page.getByRole('textbox', { name: /What for/ })).toHaveValue(
    'Client visit in Lyon',
  );
  // Errors show beside their fields, then the relay's route.
  await sam.page.getByRole('textbox', { name: /What for/ }).fill('');
  await sam.page.getByRole('button', { name: 'Submit request' }).click();
  await expect(sam.page.getByText('What for is required')).toBeVisible();
  await expect(sam.page.getByRole('textbox', { name: /What for/ })).toBeFocused();
  await sam.page.getByRole('textbox', { name: /What for/ }).fill('Client visit in Lyon');
  await sam.page.getByRole('textbox', { name: 'Amount' }).fill('1500');
  await sam.page.getByRole('button', { name: 'Add a line' }).click();
  await sam.page.getByRole('textbox', { name: /^Item/ }).fill('Train');
  const route = sam.page.getByRole('list', { name: 'Route this request will take' });
  await expect(route.getByRole('listitem').first()).toContainText(MIA.name);
  await expect(route).toContainText('any one approves');
  await expect(route).toContainText(FAY.name);
  await sam.page.getByRole('button', { name: 'Submit request' }).click();
  // /approvals/new matches too: wait for the request's own address.
  await expect(sam.page).toHaveURL(/\/approvals\/(?!new\b)[^/?]+$/);
  const requestUrl = new URL(sam.page.url()).pathname;
  await expect(sam.page.getByText('Pending', { exact: true })).toBeVisible();

  // Mia sees it waiting (Home, badge and box) and approves, first while offline: it waits.
  await mia.page.goto('/');
  const waiting = mia.page.getByRole('region', { name: 'Waiting for your approval' });
  await expect(waiting.getByRole('link', { name: `Expense from ${SAM.name}` })).toBeVisible();
  await expect(waiting.getByRole('link', { name: 'All 1' })).toBeVisible();
  await waiting.getByRole('link', { name: 'All 1' }).click();
  await expect(mia.page).toHaveURL(/\/approvals\?box=toApprove$/);
  const nav = mia.page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: /Approvals\s*1 waiting for you/ })).toBeVisible();
  await mia.page.getByRole('link', { name: `Expense — ${SAM.name}` }).click();
  await expect(mia.page.getByText('Deciding now')).toBeVisible();
  await mia.context.setOffline(true);
  await mia.page.getByRole('button', { name: 'Approve' }).click();
  await expect(
    mia.page
      .getByRole('region', { name: 'Waiting for the relay' })
      .getByText('Waiting for the relay'),
  ).toBeVisible();
  await mia.context.setOffline(false);
  await expect(mia.page.getByRole('region', { name: 'Waiting for the relay' })).toBeHidden();
  await expect(mia.page.getByRole('list', { name: 'History' })).toContainText(
    `${MIA.name} approved`,
  );

  // The owner and Fay may both decide the "any" step; Fay is first, the owner is told.
  await owner.page.goto(requestUrl);
  await expect(owner.page.getByRole('button', { name: 'Approve' })).toBeVisible();
  await fay.page.goto(requestUrl);
  await fay.page.getByRole('button', { name: 'Approve' }).click();
  await expect(fay.page.getByText('Approved', { exact: true })).toBeVisible();
  await owner.page.getByRole('button', { name: 'Approve' }).click();
  await expect(
    owner.page.getByRole('alert').filter({ hasText: 'The relay refused' }),
  ).toBeVisible();

  // Sam sees Approved, from a history verified on his device.
  await sam.page.reload();
  await expect(sam.page.getByText('Approved', { exact: true })).toBeVisible();
  await expect(sam.page.locator('.appr-key')).toContainText(
    /Verified 3 entries signed by the relay/,
  );
  await expect(sam.page.locator('.appr-key code')).toHaveText(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);

  // [APPR60] [APPR63] the proof bundle Sam downloads verifies offline, with the key he sees.
  const fingerprint = (await sam.page.locator('.appr-key code').textContent()) ?? '';
  const [proof] = await Promise.all([
    sam.page.waitForEvent('download'),
    sam.page.getByRole('button', { name: 'Download proof' }).click(),
  ]);
  const proofFile = testInfo.outputPath('proof.json');
  await proof.saveAs(proofFile);
  const verified = await verifyApproval(proofFile, fingerprint);
  expect(verified.text).toContain('the request is approved');
  expect(verified.code).toBe(0);

  // The relay told Sam his request moved, in his notifications [APPR40] [APPR70].
  await sam.page.goto('/');
  const samNav = sam.page.getByRole('navigation', { name: 'Main' });
  await expect(samNav.getByRole('link', { name: /Notifications\s*1 unread/ })).toBeVisible();
  await samNav.getByRole('link', { name: /Notifications/ }).click();
  await sam.page.getByRole('link', { name: `${FAY.name} approved your Expense` }).click();
  await expect(sam.page).toHaveURL(requestUrl);
  await expect(samNav.getByRole('link', { name: /Notifications\s*1 unread/ })).toBeHidden();
});

/** An `approve` by `actor` appended to a real log, hashed right but signed by another key. */
function forgedApproval(entries: LogEntry[], actor: string): LogEntry {
  const last = entries.at(-1)!;
  const unsigned = {
    seq: entries.length,
    requestId: last.requestId,
    kind: 'approve' as const,
    actor,
    at: new Date().toISOString(),
    body: {},
    prevHash: last.hash,
  };
  const hash = entryHash(unsigned);
  const key = ed25519.utils.randomSecretKey();
  return { ...unsigned, hash, relaySig: bytesToHex(ed25519.sign(signedMessage(hash), key)) };
}

async function createChannel(page: Page, name: string): Promise<string> {
  await page.goto('/chat');
  await page.getByRole('button', { name: 'New channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'New channel' });
  await dialog.getByLabel('Channel name').fill(name);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/chat\/[A-Za-z0-9_-]{8,64}$/);
  return new URL(page.url()).pathname.split('/').pop() ?? '';
}

test('[APPR21] [APPR19] [APPR29] [APPR85] urged, returned, edited and resubmitted; finance "all must approve" with two heads; forged approvals show nowhere', async ({
  openApp,
  relay,
}) => {
  const owner = await openApp('/');
  const sam = await openApp('/', { as: null });
  const mia = await openApp('/', { as: null });
  const fay = await openApp('/', { as: null });
  await addPerson(owner.context, sam.context, SAM);
  await addPerson(owner.context, mia.context, MIA);
  const fayId = await addPerson(owner.context, fay.context, FAY);
  const ownerId = await userIdOf(owner.context);
  const imported = await owner.context.request.post('/api/org/import', {
    data: {
      dryRun: false,
      csv: `email,department,manager,head\n${MIA.email},Company/Sales,,yes\n${SAM.email},Company/Sales,${MIA.email},no\n${FAY.email},Company/Finance,,yes\n${OWNER.email},Company/Finance,,yes`,
    },
  });
  expect(imported.status(), await imported.text()).toBe(200);
  await createExpenseTemplate(owner.context, [fayId, ownerId], 'all');

  await sam.page.goto('/approvals/new');
  await sam.page.getByRole('button', { name: 'Expense' }).click();
  await sam.page.getByRole('textbox', { name: /What for/ }).fill('Trade fair');
  await sam.page.getByRole('textbox', { name: 'Amount' }).fill('2400');
  const route = sam.page.getByRole('list', { name: 'Route this request will take' });
  await expect(route).toContainText('all must approve');
  await sam.page.getByRole('button', { name: 'Submit request' }).click();
  await expect(sam.page).toHaveURL(/\/approvals\/(?!new\b)[^/?]+$/);
  const requestUrl = new URL(sam.page.url()).pathname;
  const requestId = requestUrl.split('/').pop() ?? '';

  // One urge: Mia is told.
  await sam.page.getByRole('button', { name: 'Urge' }).click();
  await expect(sam.page.getByRole('list', { name: 'History' })).toContainText(
    `${SAM.name} urged the approvers`,
  );
  await mia.page.goto('/notifications');
  await expect(
    mia.page.getByRole('link', { name: `${SAM.name} urged you to decide on Expense` }),
  ).toBeVisible();

  // Mia returns it; Sam edits the amount and resubmits; the route starts over.
  await mia.page.goto(requestUrl);
  await mia.page.getByText('Return, transfer or add an approver').click();
  await mia.page.getByRole('button', { name: 'Return', exact: true }).click();
  await expect(mia.page.getByText('Returned', { exact: true })).toBeVisible();
  await sam.page.reload();
  await sam.page.getByRole('button', { name: 'Edit and resubmit' }).click();
  await sam.page.getByRole('textbox', { name: 'Amount' }).fill('2600');
  await sam.page.getByRole('button', { name: 'Resubmit' }).click();
  await expect(sam.page.getByText('Pending', { exact: true })).toBeVisible();
  await expect(sam.page.getByRole('list', { name: 'History' })).toContainText(
    `${SAM.name} resubmitted`,
  );

  // Mia approves with the receipt attached [APPR85]; finance needs both heads: Fay's
  // approval alone leaves it pending.
  await mia.page.reload();
  const receipt = Buffer.from('%PDF-1.4\n% taxi receipt\n');
  await mia.page
    .getByLabel('Files')
    .setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: receipt });
  await expect(mia.page.getByRole('button', { name: 'Remove receipt.pdf' })).toBeVisible();
  await mia.page.getByRole('button', { name: 'Approve' }).click();
  await expect(mia.page.getByRole('list', { name: 'History' })).toContainText(
    `${MIA.name} approved`,
  );
  // Sam opens the file from the history: the device checked it against the signed log.
  await sam.page.reload();
  const [download] = await Promise.all([
    sam.page.waitForEvent('download'),
    sam.page
      .getByRole('list', { name: 'History' })
      .getByRole('button', { name: 'receipt.pdf' })
      .click(),
  ]);
  expect(download.suggestedFilename()).toBe('receipt.pdf');
  await fay.page.goto(requestUrl);
  await fay.page.getByRole('button', { name: 'Approve' }).click();
  await expect(fay.page.getByRole('list', { name: 'History' })).toContainText(
    `${FAY.name} approved`,
  );
  await expect(fay.page.getByText('Pending', { exact: true })).toBeVisible();

  // Fay's modified client writes "approved by the owner" straight into a Yjs document.
  const channel = await createChannel(fay.page, 'forgery');
  const { token } = (await (
    await fay.context.request.post('/api/auth/token', { data: {} })
  ).json()) as { token: string };
  const forger = createTestClient(`ws://127.0.0.1:${relay.port}/sync`, `${channel}:meta`, {
    token,
    confirm: true,
  });
  try {
    await forger.synced();
    forger.doc.getMap('approvals').set(requestId, { status: 'approved', approvedBy: ownerId });
    await forger.allConfirmed();
  } finally {
    forger.destroy();
  }
  // And a relay answer carrying a forged entry: the device refuses the whole history.
  await sam.page.route(`**/api/approvals/requests/${requestId}`, async (call) => {
    const answer = await call.fetch();
    const detail = (await answer.json()) as RequestDetail;
    detail.entries.push(forgedApproval(detail.entries, ownerId));
    await call.fulfill({ response: answer, json: detail });
  });
  await sam.page.reload();
  await expect(sam.page.getByText('This request’s history did not verify')).toBeVisible();
  await expect(sam.page.getByText('Approved', { exact: true })).toHaveCount(0);
  await sam.page.unroute(`**/api/approvals/requests/${requestId}`);
  for (const who of [sam, mia, fay]) {
    await who.page.goto(requestUrl);
    await expect(who.page.getByText('Pending', { exact: true })).toBeVisible();
  }
  await sam.page.goto('/approvals?box=submitted');
  const item = sam.page.getByRole('link', { name: `Expense — ${SAM.name}` });
  await expect(sam.page.getByRole('listitem').filter({ has: item })).toContainText('Pending');

  // The owner, the second head, approves: now it is approved, and Sam is told.
  await owner.page.goto(requestUrl);
  await owner.page.getByRole('button', { name: 'Approve' }).click();
  await expect(owner.page.getByText('Approved', { exact: true })).toBeVisible();
  await sam.page.goto(requestUrl);
  await expect(sam.page.getByText('Approved', { exact: true })).toBeVisible();
  await sam.page.goto('/notifications');
  await expect(
    sam.page.getByRole('link', { name: `${OWNER.name} approved your Expense` }),
  ).toBeVisible();
});
