import { z } from 'zod';
import { ApiError, StoredFile } from '../../../shared/api/schemas.js';

/**
 * Sends a file to a room's file store on the relay (needs the relay): images in
 * docs, attachments in chat. The relay checks write access, type and size.
 */
export async function uploadFile(roomId: string, file: File): Promise<StoredFile> {
  return StoredFile.parse(await post(`/api/rooms/${encodeURIComponent(roomId)}/files`, file));
}

/**
 * Sends a file for an approval request or decision (APPROVALS.md [APPR85]): the answer's
 * id is the SHA-256 of the bytes, which the request's signed log will name.
 */
export async function uploadApprovalFile(file: File): Promise<{ id: string; name: string }> {
  const { id, name } = ApprovalFile.parse(await post('/api/approvals/files', file));
  return { id, name };
}

const ApprovalFile = z.object({ id: z.string(), name: z.string() });

async function post(path: string, file: File): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
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
  return json;
}
