import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

/** Tiptap and ProseMirror with what only they use: the docs editor's chunk. */
const editorModules =
  /node_modules[\\/](@tiptap|prosemirror-|@floating-ui|linkifyjs|marked|rope-sequence|orderedmap|w3c-keyname|crelt)/;

/** Where `npm run dev` finds the relay (`npm start` listens on 8787 by default). */
const relay = process.env.RELAY_URL ?? 'http://localhost:8787';

export default defineConfig({
  root: 'client',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // Each page is its own chunk (app/routes.tsx); the big libraries that only some
        // pages use get chunks of their own with stable names, loaded with those pages
        // and kept in the browser's cache across releases of the app's own code [LOAD1].
        codeSplitting: {
          // Only the named packages: their dependencies (Yjs) stay where the app needs them.
          includeDependenciesRecursively: false,
          groups: [
            { name: 'yjs', test: /node_modules[\\/](yjs|lib0|y-protocols)[\\/]/ },
            { name: 'editor', test: editorModules },
            {
              name: 'markdown',
              test: /node_modules[\\/](markdown-it|linkify-it|mdurl|uc\.micro|punycode)/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/sync': { target: relay, ws: true },
      '/healthz': relay,
      '/api': relay,
    },
  },
  plugins: [
    solid(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icon.svg', 'maskable-icon.svg'],
      manifest: {
        name: 'Workspace',
        short_name: 'Workspace',
        description: 'A local-first team workspace: chat, docs and tasks that work offline.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#1d4ed8',
        background_color: '#ffffff',
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: '/maskable-icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{html,js,mjs,css,svg,webmanifest}'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/sync/, /^\/api/, /^\/healthz/],
        // The AI runtime (onnxruntime-web, 27 MB) is too big to precache for everyone:
        // it is cached the first time an AI model runs, then works offline.
        runtimeCaching: [
          {
            urlPattern: /\/assets\/ort-wasm-[^/]*\.wasm$/,
            handler: 'CacheFirst',
            options: { cacheName: 'ai-runtime', expiration: { maxEntries: 4 } },
          },
        ],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
});
