import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The studio: a single-page app served by `videogen serve` from web/dist. It imports src/spec, src/render and
 * src/timeline directly (they are isomorphic), so the preview is drawn by the same code as the video.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names: the server gives them a year of immutable caching; index.html is never cached.
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 2048,
    // No inline <script>: the server's CSP is script-src 'self'.
    modulePreload: { polyfill: false },
  },
  server: {
    // `npm run dev:web` proxies the API to a running `videogen serve` (default port 8080).
    proxy: { '/api': 'http://127.0.0.1:8080', '/fonts': 'http://127.0.0.1:8080' },
  },
});
