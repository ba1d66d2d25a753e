import { addPerson, expect, signIn, test, type Person } from './fixtures.js';

const MIA: Person = { name: 'Mia Member', email: 'mia@e2e.example', password: 'mia-password-1' };

test('[AUTH] admins manage groups, roles and deactivation in Settings, and it lands in the audit log', async ({
  openApp,
  browser,
  relay,
}) => {
  const admin = await openApp('/settings');
  const mia = await openApp('/', { as: null });
  await addPerson(admin.context, mia.context, MIA);
  await admin.page.reload();
  const page = admin.page;
  const members = page.getByRole('list', { name: 'Members' });
  const miaRow = members.getByRole('listitem').filter({ hasText: MIA.email });
  await expect(miaRow).toContainText('Member');

  // Groups: create, rename and add Mia, all in one place.
  await page.getByLabel('New group name').fill('Design');
  await page.getByRole('button', { name: 'Create group' }).click();
  const groups = page.getByRole('list', { name: 'Groups' });
  await expect(groups).toContainText('Design');
  await page.getByRole('button', { name: 'Manage group Design' }).click();
  const editor = page.getByRole('form', { name: 'Edit group Design' });
  await editor.getByLabel('Group name').fill('Product design');
  await editor.getByRole('checkbox', { name: new RegExp(MIA.name) }).check();
  await editor.getByRole('button', { name: 'Save group' }).click();
  await expect(groups).toContainText('Product design');
  await expect(groups).toContainText('1 member');
  await expect(miaRow).toContainText('Groups: Product design');

  // Role: Mia becomes an admin.
  await page.getByRole('button', { name: `Manage ${MIA.name}` }).click();
  await page
    .getByRole('form', { name: `Role and groups of ${MIA.name}` })
    .getByLabel('Role')
    .selectOption('admin');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(miaRow.locator('.badge').first()).toHaveText('Admin');

  // Deactivate, then reactivate: she can sign in again afterwards.
  const deactivation = page.getByRole('form', { name: `Deactivate ${MIA.name}` });
  await deactivation
    .getByLabel('Hand their rooms to')
    .selectOption({ label: 'Nobody (they own no rooms)' });
  await deactivation.getByRole('button', { name: `Deactivate ${MIA.name}` }).click();
  await expect(miaRow).toContainText('Deactivated');
  const refused = await browser.newContext({ baseURL: relay.url });
  const login = await refused.request.post('/api/auth/login', {
    data: { email: MIA.email, password: MIA.password },
  });
  expect(login.status()).toBeGreaterThanOrEqual(400);
  await refused.close();
  await page.getByRole('button', { name: `Reactivate ${MIA.name}` }).click();
  await expect(miaRow).not.toContainText('Deactivated');
  const again = await browser.newContext({ baseURL: relay.url });
  await signIn(again, MIA);
  await again.close();

  // Delete the group (its editor is still open), after confirming.
  await expect(page.getByRole('button', { name: 'Manage group Product design' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await page.getByRole('button', { name: 'Delete group' }).click();
  await page.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(page.getByRole('list', { name: 'Groups' })).toHaveCount(0);
  await expect(page.getByText('No groups yet.').first()).toBeVisible();

  await page.getByRole('button', { name: 'Reload' }).click();
  const audit = page.getByRole('list', { name: 'Audit log entries' });
  for (const action of [
    'group.create',
    'group.update',
    'user.update',
    'user.deactivate',
    'user.reactivate',
    'group.delete',
  ]) {
    await expect(audit.getByText(action, { exact: true }).first()).toBeVisible();
  }
});

test('[AUTH] members see people and groups but no admin controls; guests see neither', async ({
  openApp,
}) => {
  const admin = await openApp('/');
  const member = await openApp('/', { as: null });
  await addPerson(admin.context, member.context, MIA);
  await member.page.goto('/settings');
  await expect(member.page.getByRole('heading', { name: 'Members' })).toBeVisible();
  await expect(member.page.getByRole('list', { name: 'Members' })).toContainText('Olivia Owner');
  await expect(member.page.getByRole('button', { name: /^Manage/ })).toHaveCount(0);
  await expect(member.page.getByRole('heading', { name: 'Invites' })).toHaveCount(0);
  await expect(member.page.getByRole('heading', { name: 'Audit log' })).toHaveCount(0);

  const guest = await openApp('/', { as: null });
  await addPerson(
    admin.context,
    guest.context,
    { name: 'Gus Guest', email: 'gus@e2e.example', password: 'gus-password-1' },
    'guest',
  );
  await guest.page.goto('/');
  // Guests get only what is shared with them by name: not even the team scratchpad.
  await expect(guest.page.getByRole('heading', { name: 'Rooms' })).toBeVisible();
  await expect(guest.page.getByRole('textbox', { name: 'Team scratchpad' })).toHaveCount(0);
  await expect(guest.page.getByRole('button', { name: 'New room' })).toHaveCount(0);
  await guest.page.goto('/settings');
  await expect(guest.page.getByText('You are a guest')).toBeVisible();
});
