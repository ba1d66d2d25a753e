import type { Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApprovalFiles } from '../approvals/approval-files.js';
import type { ApiEnv } from './api-context.js';
import { fileName } from './files-route.js';

/**
 * Approval attachments [APPR85]–[APPR87]: POST raw bytes with their Content-Type and an
 * optional URL-encoded X-File-Name (as room files); GET through a request that names
 * the file, with the same headers as room files.
 */
export function approvalFileRoutes(
  api: Hono<ApiEnv>,
  auth: MiddlewareHandler<ApiEnv>,
  files: ApprovalFiles,
  maxBytes: number,
): void {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      c.json({ code: 'invalid_input', message: `files are limited to ${maxBytes} bytes` }, 413),
  });
  api.post('/approvals/files', auth, limit, async (c) => {
    const declared = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const stored = await files.upload(c.get('auth').user, {
      bytes: new Uint8Array(await c.req.arrayBuffer()),
      declaredType: declared,
      name: fileName(c),
    });
    return c.json(stored, 201);
  });
  api.get('/approvals/requests/:id/files/:fileId', auth, async (c) => {
    const file = await files.read(c.get('auth').user, c.req.param('id'), c.req.param('fileId'));
    const disposition = file.contentType.startsWith('image/') ? 'inline' : 'attachment';
    return c.body(new Uint8Array(file.bytes), 200, {
      'content-type': file.contentType,
      'content-length': String(file.bytes.length),
      'cache-control': 'private, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    });
  });
}
