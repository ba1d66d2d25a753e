import {
  appendToScratchpad,
  expect,
  expectAllSaved,
  expectSavedOnDevice,
  expectServiceWorkerInControl,
  indicator,
  scratchpad,
  test,
} from './fixtures.js';

test('[SYNC1] [LOAD2] offline edits survive a reload and converge when back online', async ({
  openApp,
}) => {
  const alice = await openApp();
  const bob = await openApp();
  await appendToScratchpad(alice.page, 'shared start.');
  await expect(scratchpad(bob.page)).toHaveValue('shared start.');
  await expectAllSaved(alice.page);
  await expectServiceWorkerInControl(alice.page);

  await alice.context.setOffline(true);
  await expect(indicator(alice.page)).toHaveAttribute('data-status', 'offline');
  await appendToScratchpad(alice.page, ' alice offline.');
  await expect(indicator(alice.page)).toContainText(/\d+ changes? not yet on the relay/);
  await expect(scratchpad(bob.page)).toHaveValue('shared start.');

  await expectSavedOnDevice(alice.page);
  // The shell comes from the service worker, the text and pending count from IndexedDB.
  await alice.page.reload();
  await expect(scratchpad(alice.page)).toHaveValue('shared start. alice offline.');
  await expect(indicator(alice.page)).toHaveAttribute('data-status', 'offline');
  await expect(indicator(alice.page)).toContainText(/\d+ changes? not yet on the relay/);
  // Pages never opened on this device still open offline: every chunk is precached [LOAD2].
  for (const [path, heading] of [
    ['/docs', 'Docs'],
    ['/tasks', 'Tasks'],
  ] as const) {
    await alice.page.goto(path);
    await expect(alice.page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  await alice.page.goto('/');
  await expect(scratchpad(alice.page)).toHaveValue('shared start. alice offline.');

  await appendToScratchpad(bob.page, ' bob online.');
  await alice.context.setOffline(false);

  await expectAllSaved(alice.page);
  await expectAllSaved(bob.page);
  for (const { page } of [alice, bob]) {
    await expect(scratchpad(page)).toHaveValue(/alice offline\./);
    await expect(scratchpad(page)).toHaveValue(/bob online\./);
  }
  const aliceText = await scratchpad(alice.page).inputValue();
  await expect(scratchpad(bob.page)).toHaveValue(aliceText);
});
