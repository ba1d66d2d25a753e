import { appendToScratchpad, expect, expectAllSaved, scratchpad, test } from './fixtures.js';

test('[SYNC1] two browsers see each other’s scratchpad edits', async ({ openApp }) => {
  const alice = await openApp();
  const bob = await openApp();

  await appendToScratchpad(alice.page, 'hello from Alice');
  await expect(scratchpad(bob.page)).toHaveValue('hello from Alice');

  await appendToScratchpad(bob.page, ' and Bob');
  await expect(scratchpad(alice.page)).toHaveValue('hello from Alice and Bob');

  await expectAllSaved(alice.page);
  await expectAllSaved(bob.page);
});
