// A tiny static file server for the built dashboard (dist/), no dependencies.
//
//   import { startServer } from './server.mjs';
//   const server = await startServer({ root: 'dist', port: 0 }); // 0 = a free port
//   server.url  // e.g. http://127.0.0.1:40123/
//   await server.close();
//
// Or from a shell: node tests/browser/server.mjs [root=dist] [port=8080]

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.webmanifest': 'application/manifest+json',
};

export function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

async function fileInfo(file) {
  try {
    return await stat(file);
  } catch {
    return null;
  }
}

/**
 * Serve `root` on `host`:`port` (port 0 picks a free port).
 * Unknown paths without a file extension fall back to index.html (like
 * `trunk serve`), so client-side routes load the app; unknown files are 404.
 * `onRequest({ method, url, status })` is called after each response.
 * `faults` (returned) maps a pathname to an HTTP status to answer with, or to
 * 'drop' to cut the connection: tests use it to break one file on the server
 * itself, where the page's service worker cannot hide it. Each answer counts
 * in `hits`.
 */
export async function startServer({ root = 'dist', host = '127.0.0.1', port = 0, onRequest } = {}) {
  const rootDir = path.resolve(root);
  const rootInfo = await fileInfo(rootDir);
  if (!rootInfo?.isDirectory()) {
    throw new Error(`static server: ${rootDir} is not a directory (run trunk build first)`);
  }

  const faults = new Map();
  const hits = new Map();
  const server = createServer(async (req, res) => {
    const done = (status) => onRequest?.({ method: req.method, url: req.url, status });
    const send = (status, body) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
      done(status);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return send(405, 'method not allowed\n');
      }
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
      } catch {
        return send(400, 'bad request\n');
      }
      if (pathname.includes('\0')) return send(400, 'bad request\n');
      hits.set(pathname, (hits.get(pathname) ?? 0) + 1);
      const fault = faults.get(pathname);
      if (fault === 'drop') {
        req.socket.destroy();
        return done('dropped');
      }
      if (typeof fault === 'number') return send(fault, `injected fault: ${pathname}\n`);
      let file = path.join(rootDir, path.normalize(pathname));
      if (file !== rootDir && !file.startsWith(rootDir + path.sep)) return send(403, 'forbidden\n');

      let info = await fileInfo(file);
      if (info?.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await fileInfo(file);
      } else if (!info && path.extname(pathname) === '') {
        file = path.join(rootDir, 'index.html');
        info = await fileInfo(file);
      }
      if (!info?.isFile()) return send(404, `not found: ${pathname}\n`);

      res.writeHead(200, {
        'Content-Type': mimeType(file),
        'Content-Length': info.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') {
        res.end();
        return done(200);
      }
      const stream = createReadStream(file);
      stream.on('error', (err) => res.destroy(err));
      stream.on('end', () => done(200));
      stream.pipe(res);
    } catch (err) {
      if (!res.headersSent) send(500, `internal error: ${err.message}\n`);
      else res.destroy(err);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: address.port,
    url: `http://${host}:${address.port}/`,
    faults,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [root = 'dist', port = '8080'] = process.argv.slice(2);
  const server = await startServer({
    root,
    port: Number(port),
    onRequest: ({ method, url, status }) => console.log(`${status} ${method} ${url}`),
  });
  console.log(`serving ${path.resolve(root)} at ${server.url}`);
}
