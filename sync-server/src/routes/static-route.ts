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
    const immutable = c.req.path.startsWith('/assets/');
    c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
  app.use('*', serveStatic({ root: dir }));
  // Client-side routes (/chat, /docs/...) get the app shell.
  app.get('*', serveStatic({ root: dir, path: 'index.html' }));
  return app;
}
