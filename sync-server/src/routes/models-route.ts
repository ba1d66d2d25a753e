import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import type { AccessControl } from '../auth/access-control.js';
import { ApiFailure, fail } from '../auth/api-failure.js';
import type { ModelStore } from '../models/model-store.js';
import { authenticated, type ApiEnv } from './api-context.js';

/**
 * Model files change only when the operator installs a new version, which goes in a
 * new folder (README, "On-device AI"), so browsers may keep them for a year; the ETag
 * lets a revalidating cache (or an operator who did replace files) check cheaply.
 */
const CACHE_CONTROL = 'private, max-age=31536000';

/** A single byte range: `bytes=a-b`, `bytes=a-` or `bytes=-n` (RFC 9110 §14.1.2). */
export function parseRange(header: string, size: number): { start: number; end: number } | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return null;
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return null;
  return { start, end };
}

function send(c: Context, path: string) {
  const stats = statSync(path);
  const etag = `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
  c.header('Cache-Control', CACHE_CONTROL);
  c.header('ETag', etag);
  c.header('Last-Modified', stats.mtime.toUTCString());
  c.header('Accept-Ranges', 'bytes');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Content-Type', getMimeType(path) ?? 'application/octet-stream');
  if (c.req.header('if-none-match') === etag) return c.body(null, 304);
  const rangeHeader = c.req.header('range');
  // A range against an older version of the file (If-Range mismatch) gets the whole file.
  const ifRange = c.req.header('if-range');
  const range = rangeHeader && (!ifRange || ifRange === etag) ? rangeHeader : null;
  if (range) {
    const wanted = parseRange(range, stats.size);
    if (!wanted) {
      c.header('Content-Range', `bytes */${stats.size}`);
      return c.body(null, 416);
    }
    c.header('Content-Range', `bytes ${wanted.start}-${wanted.end}/${stats.size}`);
    c.header('Content-Length', String(wanted.end - wanted.start + 1));
    if (c.req.method === 'HEAD') return c.body(null, 206);
    const stream = createReadStream(path, wanted);
    return c.body(Readable.toWeb(stream) as ReadableStream, 206);
  }
  c.header('Content-Length', String(stats.size));
  if (c.req.method === 'HEAD') return c.body(null, 200);
  return c.body(Readable.toWeb(createReadStream(path)) as ReadableStream, 200);
}

/**
 * GET/HEAD /models/<name>/<file>: the files of the models in MODELS_DIR, for
 * signed-in people only (a workspace relay is not a public model mirror). Anything
 * that is not a model file answers 404, including paths that try to leave the folder.
 */
export function modelsRoute(access: AccessControl, store: ModelStore): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.onError((error, c) => {
    if (error instanceof ApiFailure)
      return c.json({ code: error.code, message: error.message }, error.status);
    return c.json({ code: 'internal', message: 'the relay hit an unexpected error' }, 500);
  });
  app.on(['GET', 'HEAD'], '/*', authenticated(access), (c) => {
    const relative = decodeURIComponentSafe(c.req.path.replace(/^\/models\/?/, ''));
    const file = relative === null ? null : store.resolveFile(relative);
    if (!file) throw fail.notFound('model file');
    return send(c, file);
  });
  return app;
}

function decodeURIComponentSafe(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
