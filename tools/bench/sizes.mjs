// Transfer sizes of the built app (SPEC §8): each wasm, js and css file in
// DIST raw, gzip (level 9) and brotli (node's zlib, quality 11), the app
// total, and the bundled data (DIST/data/**/*.json except data/schema/),
// each file compressed on its own as a server would send it.
//
//   node tools/bench/sizes.mjs [--dist dist] [--data DIR] [--data-only] [--no-brotli] [--out FILE]
//
// --data DIR measures another data directory (e.g. the generated scale
// set) instead of DIST/data; --no-brotli skips brotli (quality 11 takes
// minutes on the 74 MB scale data). 1 KB = 1000 bytes, 1 MB = 1000 KB.

import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    data: { type: 'string' },
    out: { type: 'string' },
    'data-only': { type: 'boolean', default: false },
    'no-brotli': { type: 'boolean', default: false },
  },
});

export function compressed(buf, brotli = !opts['no-brotli']) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: !brotli ? null : zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_LGWIN]: zlib.constants.BROTLI_MAX_WINDOW_BITS,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

const sum = (items) =>
  items.reduce(
    (t, x) => ({ raw: t.raw + x.raw, gzip: t.gzip + x.gzip, brotli: t.brotli == null || x.brotli == null ? null : t.brotli + x.brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
const kb = (n) => (n == null ? '-' : n >= 2e6 ? `${(n / 1e6).toFixed(1)} MB` : `${(n / 1000).toFixed(1)} KB`);

async function walk(dir, rel = '') {
  const out = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const p = path.join(rel, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(dir, p)));
    else out.push(p);
  }
  return out.sort();
}

const result = { dist: path.resolve(opts.dist) };

if (!opts['data-only']) {
  const files = (await readdir(opts.dist, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name).sort();
  const app = { wasm: [], js: [], css: [] };
  for (const name of files) {
    const kind = path.extname(name).slice(1);
    if (!(kind in app)) continue;
    app[kind].push({ file: name, ...compressed(await readFile(path.join(opts.dist, name))) });
  }
  result.app = {};
  console.log(`Transfer sizes of ${opts.dist}/ (1 KB = 1000 bytes; gzip -9, brotli q11)`);
  console.log(`  ${'file'.padEnd(44)} ${'raw'.padStart(10)} ${'gzip'.padStart(10)} ${'brotli'.padStart(10)}`);
  for (const kind of ['wasm', 'js', 'css']) {
    const total = sum(app[kind]);
    result.app[kind] = { files: app[kind], ...total };
    for (const f of app[kind]) {
      console.log(`  ${f.file.padEnd(44)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)} ${kb(f.brotli).padStart(10)}`);
    }
    if (app[kind].length > 1) {
      console.log(`  ${`all ${kind}`.padEnd(44)} ${kb(total.raw).padStart(10)} ${kb(total.gzip).padStart(10)} ${kb(total.brotli).padStart(10)}`);
    }
  }
  result.app.total = sum(['wasm', 'js', 'css'].map((k) => result.app[k]));
  const t = result.app.total;
  console.log(`  ${'app total (wasm + js + css)'.padEnd(44)} ${kb(t.raw).padStart(10)} ${kb(t.gzip).padStart(10)} ${kb(t.brotli).padStart(10)}`);
}

const dataDir = opts.data ?? path.join(opts.dist, 'data');
const dataFiles = (await walk(dataDir)).filter((f) => f.endsWith('.json') && !f.split(path.sep).includes('schema'));
const data = [];
for (const f of dataFiles) data.push({ file: f, ...compressed(await readFile(path.join(dataDir, f))) });
const d = sum(data);
result.data = { dir: path.resolve(dataDir), files: data, ...d };
console.log(
  `  ${`data: ${data.length} JSON files in ${dataDir}/ (not schema/)`.padEnd(44)} ${kb(d.raw).padStart(10)} ${kb(d.gzip).padStart(10)} ${kb(d.brotli).padStart(10)}`,
);

if (opts.out) {
  await mkdir(path.dirname(opts.out), { recursive: true });
  await writeFile(opts.out, JSON.stringify(result, null, 1) + '\n');
  console.log(`  written to ${opts.out}`);
}
