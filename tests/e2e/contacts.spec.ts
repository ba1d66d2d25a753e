import { addPerson, expect, test, type Person } from './fixtures.js';

const MIA: Person = { name: 'Mia Manager', email: 'mia@e2e.example', password: 'mia-password-1' };
const LEO: Person = { name: 'Leo Ledger', email: 'leo@e2e.example', password: 'leo-password-1' };

test('[ORG10] an admin imports a CSV; [ORG2] a member finds a colleague’s manager in Contacts; [ORG11] she sets and ends her out of office; [ORG12] the admin renames a department', async ({
  openApp,
}) => {
  const admin = await openApp('/settings');
  const mia = await openApp('/', { as: null });
  const leo = await openApp('/', { as: null });
  await addPerson(admin.context, mia.context, MIA);
  await addPerson(admin.context, leo.context, LEO);
  await admin.page.reload();

  const org = admin.page.getByRole('region', { name: 'Organisation' });
  await org.getByText('Import from CSV').click();
  const csv = org.getByLabel('CSV text');
  // A dry run names the bad line, and Import stays off.
  await csv.fill(
    `email,department,manager,head\n${LEO.email},Company/Finance,nobody@e2e.example,no`,
  );
  await org.getByRole('button', { name: 'Check' }).click();
  await expect(org.getByRole('list', { name: 'Import errors' })).toContainText(
    'Line 2: no person with the email nobody@e2e.example to be the manager',
  );
  await expect(org.getByRole('button', { name: 'Import' })).toBeDisabled();
  await csv.fill(
    `email,department,manager,head\n${MIA.email},Company/Finance,,yes\n${LEO.email},Company/Finance,${MIA.email},no`,
  );
  await org.getByRole('button', { name: 'Check' }).click();
  await org.getByRole('button', { name: 'Import' }).click();
  await expect(org.getByText(/Imported: 2 people/)).toBeVisible();
  await expect(org.getByRole('list', { name: 'Departments' })).toContainText('Finance');

  // Leo, a member, browses Contacts by department and finds his manager.
  await leo.page.goto('/contacts');
  await leo.page
    .getByRole('navigation', { name: 'Departments' })
    .getByRole('button', { name: 'Finance' })
    .click();
  await leo.page.getByLabel('Search by name or email').fill('leo');
  const card = leo.page.getByRole('listitem', { name: LEO.name });
  await expect(card).toContainText('Company / Finance');
  await expect(card).toContainText(new RegExp(`Manager\\s*${MIA.name}`));
  await leo.page.getByLabel('Search by name or email').fill('');
  await expect(leo.page.getByRole('listitem', { name: MIA.name })).toContainText(
    new RegExp(`Reports\\s*${LEO.name}`),
  );

  // Mia names Leo for her days away; the relay keeps it, and she ends it [ORG11].
  await mia.page.goto('/settings');
  const away = mia.page.getByRole('region', { name: 'Out of office' });
  await away.getByLabel('Who decides for you').selectOption({ label: LEO.name });
  await away.getByLabel('First day away').fill('2030-01-10');
  await away.getByLabel('Back on').fill('2030-01-01');
  await away.getByRole('button', { name: 'Save out of office' }).click();
  await expect(away.getByRole('alert')).toContainText('must come after the first day away');
  await away.getByLabel('Back on').fill('2030-01-20');
  await away.getByRole('button', { name: 'Save out of office' }).click();
  const status = `Away from 2030-01-10, back on 2030-01-20: ${LEO.name} decides`;
  await expect(away.getByRole('status')).toContainText(status);
  await mia.page.reload();
  await expect(away.getByRole('status')).toContainText(status);
  await away.getByRole('button', { name: 'End out of office' }).click();
  await expect(away.getByRole('button', { name: 'Save out of office' })).toBeVisible();
  await mia.page.reload();
  await expect(away.getByRole('button', { name: 'Save out of office' })).toBeVisible();

  // The admin renames Finance in place; Cancel first leaves it as it was.
  const departments = org.getByRole('list', { name: 'Departments' });
  await departments.getByRole('button', { name: 'Finance' }).click();
  await org.getByRole('button', { name: 'Rename' }).click();
  const rename = org.getByRole('form', { name: 'Rename the department' });
  await expect(rename.getByLabel('Department name')).toHaveValue('Finance');
  await rename.getByRole('button', { name: 'Cancel' }).click();
  await org.getByRole('button', { name: 'Rename' }).click();
  await rename.getByLabel('Department name').fill('Finance and Legal');
  await rename.getByRole('button', { name: 'Save' }).click();
  await expect(departments.getByRole('button', { name: 'Finance and Legal' })).toBeVisible();
  await admin.page.reload();
  await expect(departments.getByRole('button', { name: 'Finance and Legal' })).toBeVisible();
});
