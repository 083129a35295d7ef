// Trunk post_build hook: locks the built page down for a public static host.
//
//   node tools/csp.mjs [DIR]     (DIR defaults to $TRUNK_STAGING_DIR, else dist)
//
// 1. Subresource Integrity on every asset the page loads: trunk already puts
//    `integrity` on the <link> preloads and the stylesheet; the wasm module is
//    fetched by the inline loader, so the loader is rewritten to fetch it with
//    its hash, and an import map gives the JS module's hash to the import.
// 2. A Content-Security-Policy <meta> (first in <head>) that allows only this
//    origin, what WebAssembly needs ('wasm-unsafe-eval'), the inline loader
//    and import map by their SHA-256 hashes, and the service worker.
//
// Fails (exit 1) with the reason when the page does not look as expected, so
// a trunk upgrade that changes the loader cannot ship an unprotected page.

import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist';
const indexPath = path.join(dir, 'index.html');

function die(message) {
  console.error(`tools/csp.mjs: ${message}`);
  process.exit(1);
}

const digest = (algorithm, data) => createHash(algorithm).update(data).digest('base64');

async function sri(url) {
  const file = path.join(dir, decodeURIComponent(url.replace(/^\//, '').split(/[?#]/)[0]));
  return `sha384-${digest('sha384', await readFile(file))}`;
}

export const POLICY = (scriptHashes) =>
  [
    "default-src 'none'",
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.map((h) => `'sha256-${h}'`).join(' ')}`,
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');

let html = await readFile(indexPath, 'utf8');
if (html.includes('http-equiv="Content-Security-Policy"')) die(`${indexPath} already has a CSP`);

// The loader trunk writes: import init from '<js>'; ... init({ module_or_path: '<wasm>' })
const loaderPattern = /<script type="module"([^>]*)>([\s\S]*?)<\/script>/;
const loader = html.match(loaderPattern);
if (!loader) die(`no inline module loader in ${indexPath}`);
let code = loader[2];
const jsUrl = code.match(/from\s+'([^']+\.js)'/)?.[1];
const wasmUrl = code.match(/module_or_path:\s*'([^']+\.wasm)'/)?.[1];
if (!jsUrl || !wasmUrl) die(`the loader does not name its .js and .wasm files:\n${code}`);
const [jsHash, wasmHash] = await Promise.all([sri(jsUrl), sri(wasmUrl)]);
code = code.replace(
  /module_or_path:\s*'([^']+\.wasm)'/,
  `module_or_path: fetch('${wasmUrl}', { integrity: '${wasmHash}' })`,
);
const importMap = JSON.stringify({ imports: {}, integrity: { [jsUrl]: jsHash } });
const importMapTag = `<script type="importmap">${importMap}</script>`;
html = html.replace(loaderPattern, `${importMapTag}\n<script type="module"${loader[1]}>${code}</script>`);

// Every other asset: it must carry an integrity attribute trunk computed.
for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
  const href = tag.match(/href="([^"]+)"/)?.[1] ?? '';
  if (!/\.(?:js|wasm|css)$/.test(href)) continue;
  const given = tag.match(/integrity="([^"]+)"/)?.[1];
  if (!given) die(`${href} has no integrity attribute: ${tag}`);
  const want = await sri(href);
  if (given.startsWith('sha384-') && given !== want) die(`${href}: integrity ${given} does not match the file (${want})`);
}

// Hash every inline script as it now stands.
const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
  .filter((m) => !/\bsrc=/.test(m[0].slice(0, m[0].indexOf('>'))))
  .map((m) => digest('sha256', m[1]));
const meta = `<meta http-equiv="Content-Security-Policy" content="${POLICY(hashes)}" />`;
html = html.replace(/<head>/, `<head>\n    ${meta}`);
if (!html.includes(meta)) die(`no <head> in ${indexPath}`);

await writeFile(indexPath, html);
console.log(`tools/csp.mjs: CSP with ${hashes.length} inline script hash(es); wasm and js pinned by SRI`);
