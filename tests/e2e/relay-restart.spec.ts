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

test('[PERSIST2] the app opens and edits while the relay is down, then syncs after restart', async ({
  openApp,
  relay,
}) => {
  const alice = await openApp();
  await appendToScratchpad(alice.page, 'before the outage.');
  await expectAllSaved(alice.page);
  await expectServiceWorkerInControl(alice.page);

  await relay.stop();
  await expect(indicator(alice.page)).toHaveAttribute('data-status', 'offline');
  await expect(indicator(alice.page)).toContainText('relay unreachable');

  await expectSavedOnDevice(alice.page);
  await alice.page.reload();
  await expect(scratchpad(alice.page)).toHaveValue('before the outage.');
  await expect(indicator(alice.page)).toContainText('relay unreachable');
  await appendToScratchpad(alice.page, ' during the outage.');
  await expect(indicator(alice.page)).toContainText(/\d+ changes? not yet on the relay/);

  await relay.start();
  await expectAllSaved(alice.page);

  const bob = await openApp();
  await expect(scratchpad(bob.page)).toHaveValue('before the outage. during the outage.');
});
