import type { Page } from '@playwright/test';
import {
  accountButton,
  addPerson,
  appendToScratchpad,
  expectSavedOnDevice,
  expect,
  OWNER,
  roomDatabases,
  scratchpad,
  signOut,
  test,
  type AppPage,
  type Person,
} from './fixtures.js';

const MIA: Person = { name: 'Mia Member', email: 'mia@e2e.example', password: 'mia-password-1' };

function roomText(page: Page, title: string) {
  return page.getByRole('textbox', { name: title });
}

/** Home → New room, with the given title and visibility; returns the room's page URL. */
async function createRoomInUi(
  page: Page,
  title: string,
  visibility: string,
  grants: Record<string, 'Can read' | 'Can edit'> = {},
): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('button', { name: 'New room' }).click();
  const form = page.getByRole('form', { name: 'New room' });
  await form.getByLabel('Title').fill(title);
  await form.getByRole('radio', { name: visibility }).check();
  for (const [person, level] of Object.entries(grants)) {
    await form.getByLabel(`Access for ${person}`).selectOption({ label: level });
  }
  await form.getByRole('button', { name: 'Create room' }).click();
  await expect(page).toHaveURL(/\/rooms\/[A-Za-z0-9_-]{8,64}$/);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** The member's page, after it asked the relay for the directory again. */
async function openFromHome(member: AppPage, title: string): Promise<void> {
  await member.page.goto('/');
  await member.page.getByRole('list', { name: 'Rooms' }).getByRole('link', { name: title }).click();
  await expect(roomText(member.page, title)).toHaveAttribute('data-loaded', 'true');
}

test('[AUTH] a member invited in Settings shares a private room; deactivation signs them out and wipes the device', async ({
  openApp,
}) => {
  const admin = await openApp('/settings');
  const invites = admin.page.getByRole('region', { name: 'Invites' });
  await invites.getByRole('button', { name: 'Create invite link' }).click();
  const link = await invites.getByLabel('Invite link').inputValue();
  expect(link).toMatch(/\/invite\/\S+$/);

  const member = await openApp(new URL(link).pathname, { as: null });
  await expect(member.page.getByRole('heading', { name: 'Join E2E Workspace' })).toBeVisible();
  await member.page.getByLabel('Your name').fill(MIA.name);
  await member.page.getByLabel('Email').fill(MIA.email);
  await member.page.getByLabel('Password').fill(MIA.password);
  await member.page.getByRole('button', { name: 'Join the workspace' }).click();
  await expect(member.page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await expect(member.page.getByRole('banner')).toContainText('Mia Member');
  await expect(member.page.getByRole('banner')).toContainText('Member');

  await createRoomInUi(admin.page, 'Hiring plans', 'Chosen groups and people', {
    [MIA.name]: 'Can edit',
  });
  const adminText = roomText(admin.page, 'Hiring plans');
  await expect(adminText).toHaveAttribute('data-loaded', 'true');
  await adminText.fill('only for Mia');

  await openFromHome(member, 'Hiring plans');
  const memberText = roomText(member.page, 'Hiring plans');
  await expect(memberText).toHaveValue('only for Mia');
  await memberText.press('End');
  await member.page.keyboard.type(' and me');
  await expect(adminText).toHaveValue('only for Mia and me');
  // The room Mia wrote in is on her device (rooms nobody wrote in store nothing).
  await expect.poll(async () => (await roomDatabases(member.page)).length).toBeGreaterThan(0);

  await accountButton(admin.page).click();
  await admin.page.getByRole('link', { name: 'Settings', exact: true }).click();
  await admin.page.getByRole('button', { name: `Manage ${MIA.name}` }).click();
  const deactivation = admin.page.getByRole('form', { name: `Deactivate ${MIA.name}` });
  await deactivation.getByLabel('Hand their rooms to').selectOption({ label: OWNER.name });
  await deactivation.getByRole('button', { name: `Deactivate ${MIA.name}` }).click();
  await expect(
    admin.page.getByRole('list', { name: 'Members' }).getByText('Deactivated'),
  ).toBeVisible();

  await expect(member.page.getByRole('heading', { name: /^Sign in/ })).toBeVisible({
    timeout: 10_000,
  });
  await expect(member.page.getByText('Your account was deactivated')).toBeVisible();
  await expect.poll(() => roomDatabases(member.page), { timeout: 10_000 }).toEqual([]);
  expect(await member.page.evaluate(() => localStorage.getItem('ws:session'))).toBeNull();
  // Nor who else is in the workspace: names, emails and roles leave with the rest.
  const everything = await member.page.evaluate(() =>
    Object.keys(localStorage).map((key) => `${key}=${localStorage.getItem(key)}`),
  );
  expect(everything.filter((entry) => /@e2e\.example|people|members/.test(entry))).toEqual([]);
});

test('[AUTH] a read-only member sees the room and its updates but cannot type into it', async ({
  openApp,
}) => {
  const admin = await openApp();
  const member = await openApp('/', { as: null });
  await addPerson(admin.context, member.context, MIA);

  await createRoomInUi(admin.page, 'Announcements', 'Everyone in the workspace can read');
  const adminText = roomText(admin.page, 'Announcements');
  await expect(adminText).toHaveAttribute('data-loaded', 'true');
  await adminText.fill('office closed on Friday');

  await openFromHome(member, 'Announcements');
  const memberText = roomText(member.page, 'Announcements');
  await expect(memberText).toHaveValue('office closed on Friday');
  await expect(memberText).not.toBeEditable();
  await expect(member.page.getByText('You can read this room but not change it.')).toBeVisible();
  await memberText.focus();
  await member.page.keyboard.press('End');
  await member.page.keyboard.type(' not!');
  await expect(memberText).toHaveValue('office closed on Friday');

  await adminText.press('End');
  await admin.page.keyboard.type(' and Monday');
  await expect(memberText).toHaveValue('office closed on Friday and Monday');
  // The scratchpad stays writable for members: read-only is per room.
  await member.page.goto('/');
  await expect(scratchpad(member.page)).toBeEditable();
});

test('[AUTH] taking a person off a room in Share closes it on their device and deletes its copy', async ({
  openApp,
}) => {
  const admin = await openApp();
  const member = await openApp('/', { as: null });
  await addPerson(admin.context, member.context, MIA);
  const path = await createRoomInUi(admin.page, 'Budget', 'Chosen groups and people', {
    [MIA.name]: 'Can read',
  });
  const roomId = path.split('/').at(-1) ?? '';
  await roomText(admin.page, 'Budget').fill('numbers');

  await openFromHome(member, 'Budget');
  await expect(roomText(member.page, 'Budget')).toHaveValue('numbers');
  await expect.poll(() => roomDatabases(member.page)).toContain(`ws:${roomId}`);

  await admin.page.getByRole('button', { name: 'Share' }).click();
  const share = admin.page.getByRole('dialog', { name: 'Share “Budget”' });
  await share.getByLabel(`Access for ${MIA.name}`).selectOption({ label: 'No access' });
  await share.getByRole('button', { name: 'Save access' }).click();
  await expect(share).toBeHidden();

  await expect(member.page.getByRole('heading', { name: 'Room not available' })).toBeVisible({
    timeout: 10_000,
  });
  await expect.poll(() => roomDatabases(member.page)).not.toContain(`ws:${roomId}`);
  await expect(member.page.getByRole('link', { name: 'Budget' })).toHaveCount(0);
});

test('[AUTH] a revoked, a used-up and an unknown invite link each say they cannot be used', async ({
  openApp,
}) => {
  const admin = await openApp('/settings');
  const invites = admin.page.getByRole('region', { name: 'Invites' });
  await invites.getByRole('button', { name: 'Create invite link' }).click();
  const revokedLink = await invites.getByLabel('Invite link').inputValue();
  const list = invites.getByRole('list', { name: 'Invites' });
  await expect(list.getByText('Active')).toBeVisible();
  await list.getByRole('button', { name: /^Revoke the member invite/ }).click();
  await expect(list.getByText('Revoked')).toBeVisible();

  const visitor = await openApp(new URL(revokedLink).pathname, { as: null });
  const cannotUse = visitor.page.getByRole('heading', { name: 'This invite link cannot be used' });
  await expect(cannotUse).toBeVisible();
  await expect(visitor.page.getByRole('alert')).toContainText('expired, was revoked');
  await expect(visitor.page.getByRole('button', { name: 'Join the workspace' })).toHaveCount(0);

  // A one-use link that someone already accepted.
  const created = await admin.context.request.post('/api/invites', { data: { maxUses: 1 } });
  const { token } = (await created.json()) as { token: string };
  const first = await openApp(`/invite/${token}`, { as: null });
  await first.page.getByLabel('Your name').fill(MIA.name);
  await first.page.getByLabel('Email').fill(MIA.email);
  await first.page.getByLabel('Password').fill(MIA.password);
  await first.page.getByRole('button', { name: 'Join the workspace' }).click();
  await expect(first.page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
  await visitor.page.goto(`/invite/${token}`);
  await expect(cannotUse).toBeVisible();

  await visitor.page.goto('/invite/not-a-real-token-at-all');
  await expect(cannotUse).toBeVisible();
});

test('[AUTH] signed out, every page leads to sign-in, which then returns to the page asked for', async ({
  openApp,
}) => {
  const visitor = await openApp('/settings', { as: null });
  await expect(visitor.page).toHaveURL(/\/login\?next=%2Fsettings$/);
  await visitor.page.getByLabel('Email').fill(OWNER.email);
  await visitor.page.getByLabel('Password').fill('wrong-password-1');
  await visitor.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(visitor.page.getByRole('alert')).toBeVisible();
  await visitor.page.getByLabel('Password').fill(OWNER.password);
  await visitor.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(visitor.page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(visitor.page.getByRole('banner')).toContainText('Olivia Owner');

  await visitor.page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Home' })
    .click();
  await expect(scratchpad(visitor.page)).toHaveAttribute('data-loaded', 'true');
  await appendToScratchpad(visitor.page, 'a note');
  await expect.poll(() => roomDatabases(visitor.page)).toContain('ws:scratchpad');
  await signOut(visitor.page);
  await expect(visitor.page.getByRole('heading', { name: /^Sign in/ })).toBeVisible();
  await expect(visitor.page.getByText('You signed out.')).toBeVisible();
  await expect.poll(() => roomDatabases(visitor.page)).toEqual([]);
});

test('[AUTH] a session that ends elsewhere keeps the edits made offline on this device', async ({
  openApp,
  playwright,
  relay,
}) => {
  const admin = await openApp();
  const member = await openApp('/', { as: null });
  await addPerson(admin.context, member.context, MIA);
  await member.page.goto('/');
  await expect(scratchpad(member.page)).toHaveAttribute('data-loaded', 'true');

  // Offline, Mia writes; meanwhile her password is changed from another device,
  // which ends every other session of hers.
  await member.context.setOffline(true);
  await appendToScratchpad(member.page, 'written on the train');
  await expectSavedOnDevice(member.page);
  const otherDevice = await playwright.request.newContext({ baseURL: relay.url });
  const signedIn = await otherDevice.post('/api/auth/login', {
    data: { email: MIA.email, password: MIA.password },
  });
  expect(signedIn.status()).toBe(200);
  const changed = await otherDevice.post('/api/auth/password', {
    data: { currentPassword: MIA.password, newPassword: 'mia-password-2' },
  });
  expect(changed.status(), await changed.text()).toBe(200);
  await otherDevice.dispose();

  await member.context.setOffline(false);
  await member.page.goto('/');
  await expect(member.page.getByRole('heading', { name: /^Sign in/ })).toBeVisible();
  await expect(member.page.getByText('your changes on this device are kept')).toBeVisible();
  expect(await roomDatabases(member.page)).toContain('ws:scratchpad');

  await member.page.getByLabel('Email').fill(MIA.email);
  await member.page.getByLabel('Password').fill('mia-password-2');
  await member.page.getByRole('button', { name: 'Sign in' }).click();
  await expect(scratchpad(member.page)).toHaveValue(/written on the train/);
  await admin.page.goto('/');
  await expect(scratchpad(admin.page)).toHaveValue(/written on the train/);
});
