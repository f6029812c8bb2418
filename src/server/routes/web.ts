import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerConfig } from '../../config.ts';
import { FONT_FILES } from '../../render/font-manifest.ts';
import { fontFilePath } from '../../media/fonts.ts';

/** web/dist, built by `npm run build:web` (run by `npm ci` through `prepare`). */
export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** Paths the SPA never owns: a miss there stays a JSON 404. */
const NOT_SPA = /^\/(api|docs|metrics|fonts|assets)(\/|$)/;

/** The only font files served: exactly the manifest the renderer registers (no path is taken from the URL). */
const FONTS = new Map(FONT_FILES.map((f) => [`${f.pkg}/${f.file}`, f]));

function wantsHtml(request: FastifyRequest): boolean {
  return request.method === 'GET' && !NOT_SPA.test(request.url.split('?')[0]!) && (request.headers.accept ?? '').includes('text/html');
}

/**
 * The studio (web/): hashed assets under /assets with a year of immutable caching, index.html for every page route
 * (spaFallback), and the renderer's fonts under /fonts from their npm packages so the preview draws the glyphs the
 * video has.
 */
export async function webRoutes(app: FastifyInstance, options: ServerConfig): Promise<void> {
  const root = options.webDir ?? WEB_DIST;
  indexHtml.delete(root);
  const built = existsSync(join(root, 'index.html'));
  // Registered without a build too: the font route below sends files with it.
  await app.register(fastifyStatic, {
    root: built ? root : dirname(fileURLToPath(import.meta.url)),
    serve: built,
    prefix: '/',
    // One route per file that exists at start: an unknown /assets name is a JSON 404, never index.html.
    wildcard: false,
    index: false,
    // Hashed names never change content; everything else revalidates.
    setHeaders: (res, path) => res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });

  app.get('/fonts/*', { config: { access: 'public' } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const key = (request.params as { '*': string })['*'];
    const font = FONTS.get(key);
    if (!font) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `no font ${key}` } });
    const path = fontFilePath(font.pkg, font.file);
    void reply.header('cache-control', 'public, max-age=86400');
    return reply.type('font/ttf').sendFile(path.slice(dirname(path).length + 1), dirname(path));
  });
}

/** index.html per studio folder (a process may run several servers in tests). */
const indexHtml = new Map<string, Promise<Buffer>>();

/**
 * Page routes get index.html (the router in the browser decides which page); called by the not-found handler, so API
 * misses keep their JSON body. Without a build, pages answer 503 with the command that builds it.
 */
export async function spaFallback(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  if (!wantsHtml(request)) return false;
  const root = request.server.webDir;
  if (!existsSync(join(root, 'index.html'))) {
    await reply.code(503).type('text/plain; charset=utf-8').send('The studio is not built. Run `npm run build:web` (npm ci does it) and restart `videogen serve`.');
    return true;
  }
  let html = indexHtml.get(root);
  if (!html) indexHtml.set(root, (html = readFile(join(root, 'index.html'))));
  await reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(await html);
  return true;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The studio folder served at / (options.webDir or web/dist). */
    webDir: string;
  }
}
