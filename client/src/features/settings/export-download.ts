import { Unzip } from 'fflate';
import { EXPORT_ROOMS_HEADER, isRoomEntry } from '../../../../shared/model/export/export-layout.js';

export type ExportProgress =
  | { kind: 'idle' }
  | { kind: 'running'; rooms: number; done: number; bytes: number }
  | { kind: 'saved'; name: string; rooms: number; done: number; bytes: number }
  | { kind: 'error'; message: string };

/** The file name the relay suggests in Content-Disposition, or a default. */
function suggestedName(response: Response): string {
  const header = response.headers.get('content-disposition') ?? '';
  return /filename="([^"]+)"/.exec(header)?.[1] ?? 'workspace-export.zip';
}

async function failureOf(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: string };
    if (response.status === 429) return `${body.message ?? 'an export is already running'}.`;
    return body.message ?? `the relay answered ${response.status}`;
  } catch {
    return `the relay answered ${response.status}`;
  }
}

/**
 * Downloads an export (OPERATIONS.md [EXPORT8]): the ZIP is read as it streams in,
 * its entries are listed on the fly by fflate's streaming Unzip (nothing is
 * inflated), and each room's "done" entry moves the progress on. The bytes are then
 * handed to the browser as one download. A picker that streams to disk
 * (showSaveFilePicker) would hold less in memory, but it is not in every browser and
 * asks a question no one can answer in an automated test; a Blob works everywhere.
 */
export async function downloadExport(
  path: '/api/admin/export' | '/api/export',
  onProgress: (progress: ExportProgress) => void,
): Promise<void> {
  try {
    const response = await fetch(path, { credentials: 'same-origin' });
    if (!response.ok || !response.body) throw new Error(await failureOf(response));
    const rooms = Number(response.headers.get(EXPORT_ROOMS_HEADER) ?? '0');
    let done = 0;
    let bytes = 0;
    const unzip = new Unzip((file) => {
      if (isRoomEntry(file.name)) done = Math.min(rooms, done + 1);
    });
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    const reader = response.body.getReader();
    onProgress({ kind: 'running', rooms, done, bytes });
    for (;;) {
      const { value, done: finished } = await reader.read();
      if (finished) break;
      chunks.push(value);
      bytes += value.length;
      unzip.push(value);
      onProgress({ kind: 'running', rooms, done, bytes });
    }
    const name = suggestedName(response);
    const url = URL.createObjectURL(new Blob(chunks, { type: 'application/zip' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    onProgress({ kind: 'saved', name, rooms, done, bytes });
  } catch (error) {
    // A stream cut midway (the relay failed or restarted) ends here too: nothing is saved.
    onProgress({
      kind: 'error',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
