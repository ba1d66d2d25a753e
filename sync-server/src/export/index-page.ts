import type { ExportManifest } from '../../../shared/model/export/export-layout.js';
import type { ExportRoom } from './export-context.js';
import type { ExportPlan } from './export-plan.js';
import { escapeHtml, htmlPage } from './html.js';

const HEADINGS: Record<ExportRoom['kind'], string> = {
  doc: 'Docs',
  channel: 'Channels',
  dm: 'Direct messages',
  board: 'Tasks',
  calendar: 'Calendars',
};

/** README.html: what this export is, its counts, and a link to every room's file. */
export function indexPage(
  plan: ExportPlan,
  manifest: Omit<ExportManifest, 'entries'>,
  placed: readonly { room: ExportRoom; path: string }[],
): string {
  const link = (path: string, text: string) =>
    `<a href="${escapeHtml(path.split('/').map(encodeURIComponent).join('/'))}">${escapeHtml(text)}</a>`;
  const sections = (Object.keys(HEADINGS) as ExportRoom['kind'][]).flatMap((kind) => {
    const items = placed.filter((p) => p.room.kind === kind);
    if (items.length === 0) return [];
    const lines = items.map(({ room, path }) => {
      const page =
        kind === 'channel' || kind === 'dm' ? path.replace(/messages\.json$/, 'index.html') : path;
      return `<li>${link(page, room.title)}${room.trashedAt ? ' (in the trash)' : ''}</li>`;
    });
    return [`<h2>${HEADINGS[kind]}</h2><ul>${lines.join('')}</ul>`];
  });
  const counts = Object.entries(manifest.counts)
    .map(([k, v]) => `${escapeHtml(k)}: ${v}`)
    .join(' · ');
  const skipped = manifest.skipped.length
    ? `<h2>Not exported</h2><ul>${manifest.skipped.map((s) => `<li>${escapeHtml(s.title)}: ${escapeHtml(s.reason)}</li>`).join('')}</ul>`
    : '';
  const title = `${plan.workspace} — ${plan.scope === 'admin' ? 'workspace export' : 'personal export'}`;
  return htmlPage(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p class="meta">Made ${escapeHtml(manifest.createdAt)}${manifest.exportedBy ? ` by ${escapeHtml(manifest.exportedBy.name)}` : ' from the command line'}. ${counts}</p>
<p>${link('people.json', 'People')} · ${link('groups.json', 'Groups')} · ${link('rooms.json', 'Rooms and their access rules')} · ${link('manifest.json', 'Manifest (every file with its SHA-256)')}</p>
${sections.join('\n')}
${skipped}`,
  );
}
