import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import {
  addPerson,
  chooseTheme,
  expect,
  OWNER,
  test,
  type AppPage,
  type Person,
} from './fixtures.js';

const MIA: Person = { name: 'Mia Member', email: 'mia@e2e.example', password: 'mia-password-1' };

function body(page: Page, title: string) {
  return page.getByRole('textbox', { name: `${title} body` });
}

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(({ id, help, nodes }) => ({ id, help, nodes: nodes.length })),
  ).toEqual([]);
}

/** The doc's text as a reader sees it, without the other people's caret labels. */
function docText(page: Page, title: string): Promise<string> {
  return body(page, title).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return copy.textContent ?? '';
  });
}

function expectText(page: Page, title: string) {
  return expect.poll(() => docText(page, title));
}

/** Docs → New doc (everyone in the workspace can edit); returns the doc's path. */
async function createDoc(page: Page, title: string): Promise<string> {
  if (!new URL(page.url()).pathname.startsWith('/docs')) await page.goto('/docs');
  const form = page.getByRole('form', { name: 'New doc' });
  await form.getByLabel('New doc title').fill(title);
  await form.getByRole('button', { name: 'New doc' }).click();
  await expect(page).toHaveURL(/\/docs\/[A-Za-z0-9_-]{8,64}$/);
  await expect(body(page, title)).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Puts the caret at the very end of the doc and types. */
async function typeAtEnd(page: Page, title: string, text: string): Promise<void> {
  await body(page, title).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

async function ownerAndMia(openApp: (path?: string) => Promise<AppPage>, title: string) {
  const ann = await openApp('/docs');
  const path = await createDoc(ann.page, title);
  const mia = await openApp('/docs');
  await mia.context.clearCookies();
  await addPerson(ann.context, mia.context, MIA);
  await mia.page.goto(path);
  await expect(body(mia.page, title)).toBeVisible();
  return { ann, mia, path };
}

test('[DOC1] two people type in the same paragraph at once and converge; each sees the other here', async ({
  openApp,
}) => {
  const title = 'Meeting notes';
  const { ann, mia } = await ownerAndMia(openApp, title);
  await typeAtEnd(ann.page, title, 'Agenda:');
  await expectText(mia.page, title).toBe('Agenda:');
  await expect(mia.page.getByRole('list', { name: 'Who is here' })).toContainText(OWNER.name);
  await expect(ann.page.getByRole('list', { name: 'Who is here' })).toContainText(MIA.name);

  await body(ann.page, title).click();
  await ann.page.keyboard.press('ControlOrMeta+End');
  await body(mia.page, title).click();
  await mia.page.keyboard.press('ControlOrMeta+End');
  await Promise.all([
    ann.page.keyboard.type(' budget from Ann', { delay: 20 }),
    mia.page.keyboard.type(' hiring from Mia', { delay: 20 }),
  ]);
  for (const { page } of [ann, mia]) {
    await expectText(page, title).toContain('budget from Ann');
    await expectText(page, title).toContain('hiring from Mia');
  }
  await expect
    .poll(async () => (await docText(mia.page, title)) === (await docText(ann.page, title)))
    .toBe(true);
  // Mia's caret is drawn in Ann's editor with her name.
  await expect(ann.page.locator('.collaboration-carets__label')).toHaveText(MIA.name);
});

test('[DOC2] one person edits offline, comes back, and both see both edits', async ({
  openApp,
}) => {
  const title = 'Offline plan';
  const { ann, mia } = await ownerAndMia(openApp, title);
  await typeAtEnd(ann.page, title, 'Shared start.');
  await expectText(mia.page, title).toBe('Shared start.');

  await ann.context.setOffline(true);
  await typeAtEnd(ann.page, title, ' Ann on the train.');
  await typeAtEnd(mia.page, title, ' Mia at the office.');
  await expectText(mia.page, title).not.toContain('Ann on the train');

  await ann.context.setOffline(false);
  for (const { page } of [ann, mia]) {
    await expectText(page, title).toContain('Ann on the train.');
    await expectText(page, title).toContain('Mia at the office.');
  }
  await expect
    .poll(async () => (await docText(mia.page, title)) === (await docText(ann.page, title)))
    .toBe(true);
});

test('[DOC3] a comment stays on its words while text around them is edited', async ({
  openApp,
}) => {
  const title = 'Budget';
  const { ann, mia } = await ownerAndMia(openApp, title);
  await typeAtEnd(ann.page, title, 'The budget is twelve dollars');
  await expectText(mia.page, title).toBe('The budget is twelve dollars');
  // Select "twelve" with the keyboard.
  for (let i = 0; i < ' dollars'.length; i += 1) await ann.page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 'twelve'.length; i += 1) await ann.page.keyboard.press('Shift+ArrowLeft');
  await ann.page.getByRole('button', { name: 'Comments' }).click();
  await ann.page.getByRole('button', { name: 'Comment on selection' }).click();
  const form = ann.page.getByRole('form', { name: 'New comment' });
  await expect(form).toContainText('twelve');
  await form.getByLabel('Comment').fill('Is this right?');
  await form.getByRole('button', { name: 'Add comment' }).click();

  for (const { page } of [ann, mia]) {
    await expect(page.locator('.comment-mark')).toHaveText('twelve');
  }
  await body(ann.page, title).click();
  await ann.page.keyboard.press('ControlOrMeta+Home');
  await ann.page.keyboard.type('Draft: ');
  await typeAtEnd(mia.page, title, ' a year');
  await typeAtEnd(ann.page, title, ', roughly.');
  for (const { page } of [ann, mia]) {
    await expectText(page, title).toContain('Draft: The budget is twelve dollars');
    await expectText(page, title).toContain('a year');
    await expect(page.locator('.comment-mark')).toHaveText('twelve');
    await expect(page.getByRole('list', { name: 'Comment threads' })).toContainText(
      'Is this right?',
    );
  }
  // Mia replies and resolves; the highlight goes away for both.
  const thread = mia.page.getByRole('list', { name: 'Comment threads' }).getByRole('listitem');
  await thread.getByRole('textbox', { name: 'Reply' }).fill('Yes, checked.');
  await thread.getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(ann.page.getByRole('list', { name: 'Comment threads' })).toContainText(
    'Yes, checked.',
  );
  await thread.getByRole('button', { name: 'Resolve' }).click();
  await expect(ann.page.locator('.comment-mark')).toHaveCount(0);
});

test('[DOC4] restoring a version shows the old text on both screens and keeps the newer versions', async ({
  openApp,
}) => {
  const title = 'Policy';
  const { ann, mia } = await ownerAndMia(openApp, title);
  await typeAtEnd(ann.page, title, 'Version one wording.');
  await ann.page.getByRole('button', { name: 'History' }).click();
  const history = ann.page.getByRole('region', { name: 'Version history' });
  await history.getByLabel('Version name').fill('First');
  await history.getByRole('button', { name: 'Save version' }).click();
  await expect(history.getByRole('listitem').filter({ hasText: 'First' })).toBeVisible();

  await body(ann.page, title).click();
  await ann.page.keyboard.press('ControlOrMeta+a');
  await ann.page.keyboard.type('Version two wording, much better.');
  await history.getByLabel('Version name').fill('Second');
  await history.getByRole('button', { name: 'Save version' }).click();
  await expectText(mia.page, title).toBe('Version two wording, much better.');

  await history.getByRole('button', { name: 'View First' }).click();
  const compare = ann.page.getByRole('region', { name: 'Compare version' });
  await expect(compare.getByRole('article', { name: 'This version' })).toHaveText(
    'Version one wording.',
  );
  await expect(compare.getByLabel('Changes since this version')).toContainText('much better');

  await history.getByRole('button', { name: 'View Second' }).click();
  await expect(
    compare.getByRole('heading', { name: `Changed in this version by ${OWNER.name}` }),
  ).toBeVisible();
  await expect(
    compare.getByLabel('Changed in this version').locator('ins', { hasText: 'much better' }),
  ).toBeVisible();

  await history.getByRole('button', { name: 'Restore First' }).click();
  for (const { page } of [ann, mia]) {
    await expectText(page, title).toBe('Version one wording.');
  }
  await mia.page.getByRole('button', { name: 'History' }).click();
  const miaHistory = mia.page.getByRole('region', { name: 'Version history' });
  await expect(miaHistory.getByRole('button', { name: 'View Second' })).toBeVisible();
  await expect(miaHistory.getByRole('button', { name: 'View First' })).toBeVisible();
});

test('[DOC5] a doc created offline is usable at once and shared when the relay is back', async ({
  openApp,
}) => {
  const ann = await openApp('/docs');
  await ann.context.setOffline(true);
  const title = 'Written on a plane';
  const path = await createDoc(ann.page, title);
  await expect(ann.page.getByRole('status').filter({ hasText: 'Not yet shared' })).toBeVisible();
  await typeAtEnd(ann.page, title, 'Ideas from 10,000 metres.');
  await ann.context.setOffline(false);
  await ann.page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(ann.page.getByRole('status').filter({ hasText: 'Not yet shared' })).toHaveCount(0);

  const other = await openApp(path);
  await expectText(other.page, title).toBe('Ideas from 10,000 metres.');
});

test('[OFFL1] a doc created offline whose id someone else registered first moves to a new id, and says so', async ({
  openApp,
}) => {
  const ann = await openApp('/docs');
  const mia = await openApp('/docs');
  await mia.context.clearCookies();
  await addPerson(ann.context, mia.context, MIA);
  await ann.context.setOffline(true);
  const title = 'Leaked plans';
  const path = await createDoc(ann.page, title);
  await typeAtEnd(ann.page, title, 'Only for Ann.');
  // Mia learns the id and registers it first, writable by everyone.
  const squat = await mia.context.request.post('/api/rooms', {
    data: {
      id: path.split('/').pop(),
      kind: 'doc',
      title: 'Squatted',
      access: { workspace: 'write', groups: [], users: [] },
    },
  });
  expect(squat.ok(), await squat.text()).toBe(true);

  await ann.context.setOffline(false);
  await ann.page.evaluate(() => window.dispatchEvent(new Event('online')));
  const notice = ann.page.getByTestId('moved-doc-notice');
  await expect(notice).toContainText(title);
  await notice.getByRole('link', { name: `Open “${title}”` }).click();
  await expectText(ann.page, title).toBe('Only for Ann.');
  expect(new URL(ann.page.url()).pathname).not.toBe(path);

  // Nothing of Ann's doc reached Mia's room.
  await mia.page.goto(path);
  await expect(body(mia.page, 'Squatted')).toBeVisible();
  await expectText(mia.page, 'Squatted').toBe('');
});

test('[DOC6] axe finds no violations on an open doc with a comment and the history', async ({
  openApp,
}) => {
  const ann = await openApp('/docs');
  const title = 'Accessible doc';
  await createDoc(ann.page, title);
  await typeAtEnd(ann.page, title, 'Some words to comment on');
  await ann.page.keyboard.press('Shift+ArrowLeft');
  await ann.page.keyboard.press('Shift+ArrowLeft');
  await ann.page.getByRole('button', { name: 'Comments' }).click();
  await ann.page.getByRole('button', { name: 'Comment on selection' }).click();
  await ann.page.getByRole('form', { name: 'New comment' }).getByLabel('Comment').fill('Note');
  await ann.page.getByRole('button', { name: 'Add comment' }).click();
  for (const theme of ['Light', 'Dark'] as const) {
    await chooseTheme(ann.page, theme);
    await expectNoViolations(ann.page);
  }
  await ann.page.getByRole('button', { name: 'History' }).click();
  await ann.page.getByRole('button', { name: 'Save version' }).click();
  await ann.page.getByRole('button', { name: 'View version' }).click();
  await expectNoViolations(ann.page);
});

// A 1×1 transparent PNG.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

test('[DOC7] Markdown shortcuts, the slash menu, an uploaded image and an @mention reach the other person', async ({
  openApp,
}) => {
  const title = 'Rich doc';
  const { ann, mia } = await ownerAndMia(openApp, title);
  await typeAtEnd(ann.page, title, '# Big title');
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.type('[ ] buy milk');
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.press('Enter');
  await ann.page.keyboard.type('/table');
  await expect(ann.page.getByRole('listbox', { name: 'Insert a block' })).toBeVisible();
  await ann.page.keyboard.press('Enter');
  await expect(body(ann.page, title).locator('table')).toBeVisible();

  await ann.page.keyboard.press('ControlOrMeta+End');
  await ann.page.keyboard.type('/image');
  const chooser = ann.page.waitForEvent('filechooser');
  await ann.page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: 'pixel.png', mimeType: 'image/png', buffer: PIXEL });

  await ann.page.keyboard.type('Thanks @Mia');
  await expect(ann.page.getByRole('listbox', { name: 'Mention someone' })).toContainText(MIA.name);
  await ann.page.keyboard.press('Enter');

  const miaBody = body(mia.page, title);
  await expect(miaBody.getByRole('heading', { level: 1, name: 'Big title' })).toBeVisible();
  await expect(miaBody.locator('ul[data-type="taskList"]')).toContainText('buy milk');
  await expect(miaBody.locator('table')).toBeVisible();
  await expect(miaBody.locator('.mention')).toHaveText(`@${MIA.name}`);
  const image = miaBody.locator('img[alt="pixel.png"]');
  await expect(image).toHaveAttribute('src', /^\/api\/rooms\/[\w-]+\/files\/[0-9a-f]{64}$/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
});

test('[DOC8] an @mention notifies the person mentioned, and the notification opens the doc', async ({
  openApp,
}) => {
  const title = 'Quarter plan';
  const { ann, mia, path } = await ownerAndMia(openApp, title);
  await mia.page.goto('/');
  const miaInbox = mia.page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /^Notifications/ });
  await expect(miaInbox).toHaveAccessibleName('Notifications');

  await typeAtEnd(ann.page, title, 'Budget review with @Mia');
  await expect(ann.page.getByRole('listbox', { name: 'Mention someone' })).toContainText(MIA.name);
  await ann.page.keyboard.press('Enter');
  await expect(body(ann.page, title).locator('.mention')).toHaveText(`@${MIA.name}`);

  // Mia's inbox asks the relay on focus, on load and every minute.
  await expect
    .poll(async () => {
      await mia.page.reload();
      return mia.page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Notifications 1 unread' })
        .count();
    })
    .toBe(1);
  await miaInbox.click();
  const inbox = mia.page.getByRole('list', { name: 'Notifications' });
  await expect(inbox).toContainText('Budget review with @Mia Member');
  await expect(miaInbox).toHaveAccessibleName('Notifications');
  await inbox.getByRole('link', { name: `${OWNER.name} mentioned you in ${title}` }).click();
  await expect(mia.page).toHaveURL(new RegExp(`${path}$`));
  await expect(body(mia.page, title)).toBeVisible();
  // The author is not notified about their own mention of someone else.
  await ann.page.reload();
  await expect(
    ann.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Notifications/ }),
  ).toHaveAccessibleName('Notifications');
});

test('[MD6] Import Markdown opens a doc that holds the file, and the other person gets it', async ({
  openApp,
}) => {
  const ann = await openApp('/docs');
  await ann.page.getByText('Import Markdown').setInputFiles({
    name: 'launch.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(
      '# Launch plan\n\nShip the **beta** on Friday.\n\n- write notes\n- tell the team\n',
    ),
  });
  await expect(ann.page).toHaveURL(/\/docs\/[A-Za-z0-9_-]{8,64}$/);
  const path = new URL(ann.page.url()).pathname;
  await expectText(ann.page, 'Launch plan').toContain('Ship the beta on Friday.');
  await expect(body(ann.page, 'Launch plan').locator('strong')).toHaveText('beta');
  await expect(body(ann.page, 'Launch plan').getByRole('listitem')).toHaveText([
    'write notes',
    'tell the team',
  ]);
  // Stored and synced, not only shown: a second device of the owner opens it.
  const again = await openApp(path);
  await expectText(again.page, 'Launch plan').toContain('Ship the beta on Friday.');
});

test('[DOC9] [DOC10] [DOC12] [DOC13] a readable column, one actions menu, the toolbar and links, phone panes, undo of trash, New doc', async ({
  openApp,
}) => {
  const { page } = await openApp('/docs');
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole('heading', { name: 'No docs yet' })).toBeVisible();
  const title = 'Readable';
  const path = await createDoc(page, title);
  const text = body(page, title);
  await expect(text.locator('p.is-empty')).toHaveAttribute(
    'data-placeholder',
    "Type '/' for commands, or start writing — # for a heading, - for a list",
  );
  const width = () => text.evaluate((element) => element.getBoundingClientRect().width);
  await expect.poll(width).toBeGreaterThanOrEqual(600);
  await page.getByRole('button', { name: 'Hide doc list' }).click();
  await expect(page.getByRole('navigation', { name: 'Docs' })).toBeHidden();
  await expect.poll(width).toBe(720);
  await page.getByRole('button', { name: 'Show doc list' }).first().click();
  await expect(page.getByRole('navigation', { name: 'Docs' })).toBeVisible();

  await typeAtEnd(page, title, 'Plain words');
  await page.keyboard.press('Shift+Home');
  const bold = page
    .getByRole('toolbar', { name: 'Formatting' })
    .getByRole('button', { name: 'Bold' });
  await expect(bold).toHaveAttribute('aria-pressed', 'false');
  await bold.click();
  await expect(text.locator('strong')).toHaveText('Plain words');
  await expect(bold).toHaveAttribute('aria-pressed', 'true');

  // A link through the app's own dialog: other schemes are refused, Remove link [DOC13].
  const link = page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', {
    name: 'Link',
  });
  await link.click();
  const addLink = page.getByRole('dialog', { name: 'Add link' });
  await addLink.getByLabel('Link address').fill('javascript:alert(1)');
  await addLink.getByRole('button', { name: 'Save link' }).click();
  await expect(addLink.getByRole('alert')).toContainText('not javascript:');
  await expect(text.locator('a')).toHaveCount(0);
  await addLink.getByLabel('Link address').fill('example.com/plan');
  await addLink.getByRole('button', { name: 'Save link' }).click();
  await expect(text.locator('a')).toHaveAttribute('href', 'https://example.com/plan');
  await link.click();
  const editLink = page.getByRole('dialog', { name: 'Edit link' });
  await expect(editLink.getByLabel('Link address')).toHaveValue('https://example.com/plan');
  await editLink.getByRole('button', { name: 'Remove link' }).click();
  await expect(text.locator('a')).toHaveCount(0);

  // The menu button: opens from the keyboard on its first item, Escape gives focus back.
  const more = page.getByRole('button', { name: 'Doc actions' });
  const menu = page.getByRole('menu', { name: 'Doc actions' });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: 'Move to trash' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(more).toBeFocused();
  await more.click();
  await text.click();
  await expect(menu).toBeHidden();

  // Phone: the list, then the doc with Back; a wide table scrolls inside the doc.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('/table');
  await page.keyboard.press('Enter');
  await page.keyboard.type('x'.repeat(80));
  await expect(text.locator('table')).toContainText('xxxx');
  const fits = () =>
    page.locator('.docs-page').evaluate((element) => element.scrollWidth <= element.clientWidth);
  await expect.poll(fits).toBe(true);
  await expect(page.getByRole('navigation', { name: 'Docs' })).toBeHidden();
  await page.getByRole('link', { name: '‹ Docs' }).click();
  await expect(page.getByRole('navigation', { name: 'Docs' })).toBeVisible();
  await expect(text).toBeHidden();
  await page.getByRole('navigation', { name: 'Docs' }).getByRole('link', { name: title }).click();
  await expect(text).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });

  await more.click();
  await menu.getByRole('menuitem', { name: 'Move to trash' }).click();
  await expect(page).toHaveURL(/\/docs$/);
  const notice = page.getByRole('status').filter({ hasText: 'moved to trash' });
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(notice).toBeHidden();
  await page.getByRole('navigation', { name: 'Docs' }).getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`${path}$`));
  await expect(text.locator('strong')).toHaveText('Plain words');

  // "+ New doc" in the list's header opens an untitled doc at once.
  await page.locator('.docs-sidebar-header').getByRole('button', { name: 'New doc' }).click();
  await expect(page).not.toHaveURL(new RegExp(`${path}$`));
  await expect(page.getByLabel('Doc title', { exact: true })).toHaveValue('Untitled');
});
