import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { ExportManifest } from '../../shared/model/export/export-layout.js';
import { expect, test } from './fixtures.js';

test('[EXPORT1] [EXPORT8] an admin exports the whole workspace from Settings, sees progress and gets a ZIP with its manifest', async ({
  openApp,
}) => {
  const { page } = await openApp('/settings');
  const section = page.getByRole('region', { name: 'Export' });
  const download = page.waitForEvent('download');
  await section.getByRole('button', { name: 'Export the whole workspace' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^workspace-export-\d{4}-\d{2}-\d{2}\.zip$/);

  const progress = section.getByRole('progressbar', { name: 'Export progress' });
  await expect(progress).toHaveAttribute('value', '1');
  await expect(section.getByRole('status').first()).toContainText('1 of 1 rooms');
  await expect(section).toContainText(`Saved ${file.suggestedFilename()}`);

  const files = unzipSync(new Uint8Array(readFileSync(await file.path())));
  const manifest = ExportManifest.parse(JSON.parse(strFromU8(files['manifest.json']!)));
  expect(manifest.scope).toBe('admin');
  // A new workspace holds its scratchpad doc.
  expect(manifest.counts).toMatchObject({ rooms: 1, docs: 1, people: 1 });
  expect(Object.keys(files)).toContain('README.html');
});
