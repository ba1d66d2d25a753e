import { ApiError, StoredFile } from '../../../shared/api/schemas.js';

/**
 * Sends a file to a room's file store on the relay (needs the relay): images in
 * docs, attachments in chat. The relay checks write access, type and size.
 */
export async function uploadFile(roomId: string, file: File): Promise<StoredFile> {
  let response: Response;
  try {
    response = await fetch(`/api/rooms/${encodeURIComponent(roomId)}/files`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': file.type, 'x-file-name': encodeURIComponent(file.name) },
      body: file,
    });
  } catch {
    throw new Error('Files are stored on the relay: try again when you are online.');
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = ApiError.safeParse(json);
    throw new Error(error.success ? error.data.message : `The relay answered ${response.status}.`);
  }
  return StoredFile.parse(json);
}
