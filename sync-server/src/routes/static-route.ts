import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/**
 * Serves the built client. Hashed assets are immutable; the HTML, the service
 * worker and the manifest must be revalidated so that updates reach users.
 */
export function staticRoute(dir: string): Hono {
  const app = new Hono();
  if (!existsSync(join(dir, 'index.html'))) {
    return app.get('/', (c) =>
      c.text(`The client is not built: run "npm run build" (looked in ${dir}).`, 503),
    );
  }
  app.use('*', async (c, next) => {
    await next();
    const immutable = c.req.path.startsWith('/assets/') && c.res.ok;
    c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  app.use('*', serveStatic({ root: dir }));
  // A chunk of an earlier build, asked for by a tab opened before an update: the app's
  // HTML in its place would break the import and be cached as immutable [LOAD3].
  app.get('/assets/*', (c) => c.text('Not found', 404));
  // Client-side routes (/chat, /docs/...) get the app shell.
  app.get('*', serveStatic({ root: dir, path: 'index.html' }));
  return app;
}
