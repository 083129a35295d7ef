// Gathers the figures scripts/bench.sh wrote to target/bench/*.json into one
// file, target/bench/results.json, and prints each figure beside its SPEC §8
// budget with "within" or "over". A benchmark, not a test: always exits 0
// when the parts are there, whatever the figures.
//
//   node tools/bench/report.mjs [--dir target/bench] [--out target/bench/results.json]

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    dir: { type: 'string', default: 'target/bench' },
    out: { type: 'string', default: 'target/bench/results.json' },
  },
});

const PARTS = {
  spc_native: 'spc-native.json',
  spc_wasm: 'spc-wasm.json',
  sizes: 'sizes.json',
  scale_data_sizes: 'scale-sizes.json',
  scale_native: 'scale-native.json',
  browser: 'browser.json',
  scale_browser: 'scale-browser.json',
  profile: 'profile.json',
  scale_profile: 'scale-profile.json',
};

const parts = {};
for (const [key, file] of Object.entries(PARTS)) {
  const p = path.join(opts.dir, file);
  if (existsSync(p)) parts[key] = JSON.parse(await readFile(p, 'utf8'));
}

const git = (...args) => {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
};

// Each row: a figure, its value and unit, and its budget (null: none in SPEC §8).
const rows = [];
const add = (section, figure, value, unit, budget, note = '') => {
  if (value == null || Number.isNaN(value)) return;
  rows.push({
    section,
    figure,
    value,
    unit,
    budget,
    verdict: budget == null ? null : value <= budget ? 'within' : 'over',
    note,
  });
};
const KB = 1000;
const s = parts.sizes;
if (s?.app) {
  for (const kind of ['wasm', 'js', 'css']) {
    const k = s.app[kind];
    add('transfer', `${kind}: raw / gzip / brotli`, k.gzip / KB, 'KB', null, `${(k.raw / KB).toFixed(1)} / ${(k.gzip / KB).toFixed(1)} / ${(k.brotli / KB).toFixed(1)} KB`);
  }
  add('transfer', 'app total (wasm + js + css), gzip', s.app.total.gzip / KB, 'KB', 300, `brotli ${(s.app.total.brotli / KB).toFixed(1)} KB, raw ${(s.app.total.raw / KB).toFixed(1)} KB`);
}
if (s?.data) {
  add('transfer', 'bundled data (data/**/*.json, not schema/), gzip', s.data.gzip / KB, 'KB', 150, `brotli ${(s.data.brotli / KB).toFixed(1)} KB, raw ${(s.data.raw / KB).toFixed(1)} KB`);
}
const b = parts.browser?.summary;
const spread = (st, scale = 1, dp = 0) => `min ${(st.min / scale).toFixed(dp)}, max ${(st.max / scale).toFixed(dp)}, ${st.runs.length} runs`;
if (b) {
  add('browser, 4x CPU throttle', 'navigation -> overview painted, first screen (median)', b.overview.median, 'ms', 1000, spread(b.overview));
  // The same 1000 ms budget, for the whole overview (below the first screen too).
  if (b.overview_complete) add('browser, 4x CPU throttle', 'navigation -> every domain of the overview painted (median)', b.overview_complete.median, 'ms', 1000, spread(b.overview_complete));
  if (b.switch) add('browser, 4x CPU throttle', 'area switch -> overview painted, first screen (median)', b.switch.median, 'ms', 50, spread(b.switch, 1, 1));
  if (b.switch_complete) add('browser, 4x CPU throttle', 'area switch -> every domain painted (median)', b.switch_complete.median, 'ms', 50, spread(b.switch_complete, 1, 1));
  if (b.detail) add('browser, 4x CPU throttle', 'metric detail -> SPC chart painted (median)', b.detail.median, 'ms', 100, spread(b.detail, 1, 1));
  if (b.detail_table) add('browser, 4x CPU throttle', 'metric detail -> its data table painted (median)', b.detail_table.median, 'ms', null, spread(b.detail_table, 1, 1));
  if (b.next) add('browser, 4x CPU throttle', 'presentation next slide painted (median)', b.next.median, 'ms', null, spread(b.next, 1, 1));
  add('browser, 4x CPU throttle', 'JS heap used after the overview (median)', b.heap_used.median / 1e6, 'MB', null, b.wasm_memory ? `wasm memory ${(b.wasm_memory.median / 1e6).toFixed(1)} MB` : '');
}
const sd = parts.scale_data_sizes?.data;
const sn = parts.scale_native;
if (sd) {
  add('scale: 40 metrics x 300 areas x 120 months', 'generated data, gzip', sd.gzip / 1e6, 'MB', null, `raw ${(sd.raw / 1e6).toFixed(1)} MB${sd.brotli == null ? '' : `, brotli ${(sd.brotli / 1e6).toFixed(1)} MB`}; ${sd.files.length} files`);
}
if (sn) {
  add('scale: 40 metrics x 300 areas x 120 months', 'native: load + validate + aggregate + SPC, all (median)', sn.total_ms.median, 'ms', null,
    `read ${sn.read_ms.median.toFixed(0)}, parse+validate ${sn.parse_validate_ms.median.toFixed(0)}, cross-checks ${sn.cross_checks_ms.median.toFixed(0)}, aggregate ${sn.aggregate_ms.median.toFixed(0)}, SPC ${sn.spc_ms.median.toFixed(0)} ms`);
}
const sb = parts.scale_browser?.summary;
if (sb) {
  add('scale: 40 metrics x 300 areas x 120 months', 'browser: navigation -> overview painted (median)', sb.overview.median, 'ms', 500,
    `${spread(sb.overview)}; data fetched by ${sb.data_fetched.median.toFixed(0)} ms`);
  if (sb.switch) add('scale: 40 metrics x 300 areas x 120 months', 'browser: area switch -> overview painted (median)', sb.switch.median, 'ms', 500, spread(sb.switch));
  add('scale: 40 metrics x 300 areas x 120 months', 'browser: JS heap used after the overview (median)', sb.heap_used.median / 1e6, 'MB', null, sb.wasm_memory ? `wasm memory ${(sb.wasm_memory.median / 1e6).toFixed(1)} MB` : '');
}
if (parts.spc_native) add('SPC, 10,000 series x 120 points', 'native (median)', parts.spc_native.median_ms, 'ms', null, `${parts.spc_native.per_series_us.toFixed(2)} µs per series`);
if (parts.spc_wasm) add('SPC, 10,000 series x 120 points', 'wasm32 in node (median)', parts.spc_wasm.median_ms, 'ms', null, `${parts.spc_wasm.per_series_us.toFixed(2)} µs per series`);

const load = os.loadavg();
const results = {
  written: new Date().toISOString(),
  commit: git('rev-parse', 'HEAD'),
  dirty: git('status', '--porcelain')?.length > 0,
  machine: {
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? null,
    loadavg_1_5_15: load,
    node: process.version,
    chromium: parts.browser?.chromium ?? null,
  },
  kb: '1 KB = 1000 bytes, 1 MB = 1,000,000 bytes',
  budgets: rows,
  parts,
};
await writeFile(opts.out, JSON.stringify(results, null, 1) + '\n');

const fmt = (r) => `${r.value.toFixed(r.unit === 'ms' && r.value < 100 ? 1 : r.unit === 'ms' ? 0 : 1)} ${r.unit}`;
console.log(`\nSPEC §8 budgets (commit ${results.commit?.slice(0, 12) ?? '?'}${results.dirty ? ', uncommitted changes' : ''}; ${results.machine.cpus} CPUs, load average ${load.map((l) => l.toFixed(1)).join(' ')})`);
let section = null;
for (const r of rows) {
  if (r.section !== section) {
    section = r.section;
    console.log(`  ${section}`);
  }
  const budget = r.budget == null ? '' : `budget ${r.budget} ${r.unit}`;
  const verdict = r.verdict == null ? '' : r.verdict === 'within' ? 'within' : `over (x${(r.value / r.budget).toFixed(1)})`;
  console.log(`    ${r.figure.padEnd(58)} ${fmt(r).padStart(11)}  ${budget.padEnd(16)} ${verdict.padEnd(11)} ${r.note}`);
}
const over = rows.filter((r) => r.verdict === 'over');
for (const [key, label] of [['browser', 'bundled data'], ['scale_browser', 'generated data']]) {
  const errors = parts[key]?.page_errors ?? {};
  const n = Object.values(errors).reduce((a, b) => a + b, 0);
  if (n) console.log(`  Console errors in the browser runs (${label}): ${n}, ${Object.keys(errors).length} distinct (see ${PARTS[key]} page_errors)`);
}
console.log(`  ${rows.filter((r) => r.verdict).length} budgeted figures: ${rows.filter((r) => r.verdict === 'within').length} within, ${over.length} over.`);
if (load[0] > os.cpus().length) {
  console.log(`  Note: the 1-minute load average (${load[0].toFixed(1)}) is above the CPU count: other work on this machine inflates the timings.`);
}
console.log(`  All figures: ${opts.out}`);
