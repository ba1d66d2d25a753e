import { addPerson, expect, test, type Person } from './fixtures.js';
import { createExpenseTemplate, userIdOf } from '../support/approval-seed.js';
import { verifyApproval } from '../../sync-server/src/approvals/verify-approval-command.js';

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
