import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { FileContentType } from '../../../shared/api/schemas.js';
import { ApiFailure } from '../auth/api-failure.js';
import type { RoomFiles } from '../files/room-files.js';
import type { ApiEnv } from './api-context.js';

/** Room files, and approval attachments [APPR85]: raw bytes, not JSON. */
const UPLOAD_PATH = /\/(rooms\/[^/]+\/files|approvals\/files)\/?$/;

export function isFileUpload(c: Context): boolean {
  return c.req.method === 'POST' && UPLOAD_PATH.test(c.req.path);
}

export function fileName(c: Context): string {
  const raw = c.req.header('x-file-name') ?? '';
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // keep it as sent
  }
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f/\\]/g, '').slice(0, 200) || 'file';
}

/**
 * POST raw bytes with their Content-Type (one of FileContentType; never a form,
 * so a cross-site page cannot upload without a CORS preflight we never grant) and
 * an optional URL-encoded X-File-Name. GET serves them with a year-long private
 * cache (the id is the content hash, so a file never changes) and nosniff.
 */
export function fileRoutes(
  api: Hono<ApiEnv>,
  auth: MiddlewareHandler<ApiEnv>,
  deps: { files: RoomFiles; maxBytes: number },
): void {
  const limit = bodyLimit({
    maxSize: deps.maxBytes,
    onError: (c) =>
      c.json(
        { code: 'invalid_input', message: `files are limited to ${deps.maxBytes} bytes` },
        413,
      ),
  });
  api.post('/rooms/:id/files', auth, limit, async (c) => {
    const declared = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!FileContentType.safeParse(declared).success)
      throw new ApiFailure(
        415,
        'invalid_input',
        'send the file as PNG, JPEG, GIF, WebP or PDF bytes',
      );
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const stored = await deps.files.upload(c.get('auth').user, c.req.param('id'), {
      bytes,
      declaredType: declared,
      name: fileName(c),
    });
    return c.json(stored, 201);
  });
  api.delete('/rooms/:id/files/:fileId', auth, async (c) => {
    await deps.files.remove(c.get('auth').user, c.req.param('id'), c.req.param('fileId'));
    return c.json({});
  });
  api.get('/rooms/:id/files/:fileId', auth, async (c) => {
    const { file, bytes } = await deps.files.read(
      c.get('auth').user,
      c.req.param('id'),
      c.req.param('fileId'),
    );
    const disposition = file.contentType.startsWith('image/') ? 'inline' : 'attachment';
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': file.contentType,
      'content-length': String(bytes.length),
      'cache-control': 'private, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
  });
}
