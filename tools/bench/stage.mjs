// A copy of the built app for the browser benchmark, never touching dist/:
//
//   node tools/bench/stage.mjs --dist dist --out DIR [--data DATA_DIR] [--named-wasm FILE]
//
// --data DATA_DIR   serve DATA_DIR as data/ (a symlink) instead of the bundled data
// --named-wasm FILE swap in FILE, the wasm-bindgen output of the same build
//                   (target/wasm-bindgen/release/<name>_bg.wasm), run through
//                   wasm-opt -Oz as trunk does but with -g, so a CPU profile
//                   names the Rust functions. The page's SRI hashes and its
//                   CSP hash of the inline script are updated to match.

import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    out: { type: 'string' },
    data: { type: 'string' },
    'named-wasm': { type: 'string' },
  },
});
if (!opts.out) throw new Error('--out DIR is required');
const dist = path.resolve(opts.dist);
const out = path.resolve(opts.out);

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
for (const entry of await readdir(dist, { withFileTypes: true })) {
  if (opts.data && entry.name === 'data') continue;
  await cp(path.join(dist, entry.name), path.join(out, entry.name), { recursive: true });
}
if (opts.data) await symlink(path.resolve(opts.data), path.join(out, 'data'), 'dir');

if (opts['named-wasm']) {
  const wasmName = (await readdir(out)).find((f) => f.endsWith('_bg.wasm'));
  const js = (await readdir(out)).find((f) => f.endsWith('.js') && f !== 'sw.js');
  const glue = path.join(path.dirname(opts['named-wasm']), path.basename(opts['named-wasm']).replace(/_bg\.wasm$/, '.js'));
  const [a, b] = await Promise.all([readFile(path.join(out, js)), readFile(glue)]);
  if (!a.equals(b)) throw new Error(`${glue} is not the JS glue of ${dist}: rebuild with trunk first`);
  const target = path.join(out, wasmName);
  const wasmOpt = process.env.WASM_OPT || 'wasm-opt';
  execFileSync(wasmOpt, ['-Oz', '-g', opts['named-wasm'], '-o', target], { stdio: 'inherit' });
  const sri = (buf) => `sha384-${createHash('sha384').update(buf).digest('base64')}`;
  const htmlPath = path.join(out, 'index.html');
  let html = await readFile(htmlPath, 'utf8');
  const oldSri = sri(await readFile(path.join(dist, wasmName)));
  const newSri = sri(await readFile(target));
  if (!html.includes(oldSri)) throw new Error(`index.html does not pin ${wasmName} by ${oldSri}`);
  // The inline module script's CSP hash changes with the integrity in it.
  const inlineHashes = (text) =>
    [...text.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
      (m) => `sha256-${createHash('sha256').update(m[1]).digest('base64')}`,
    );
  const before = inlineHashes(html);
  html = html.split(oldSri).join(newSri);
  const after = inlineHashes(html);
  before.forEach((h, i) => {
    if (h !== after[i]) html = html.split(`'${h}'`).join(`'${after[i]}'`);
  });
  await writeFile(htmlPath, html);
}
console.log(`staged ${out}${opts.data ? ` with data/ -> ${path.resolve(opts.data)}` : ''}${opts['named-wasm'] ? ' and a wasm with function names' : ''}`);
