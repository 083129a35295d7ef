// Browser timings of SPEC §8: the built app in headless Debian Chromium
// (playwright-core, the flags of tests/browser/run.mjs), CPU throttled through
// the DevTools protocol, a fresh context per run, service workers blocked.
//
//   node tools/bench/browser.mjs [--dist dist] [--runs 5] [--rate 4] [--out FILE]
//                                [--measures overview,switch,detail,next] [--timeout-ms 120000]
//                                [--profile PREFIX] [--trace PREFIX]
//
// Measures, each taken inside the page with performance.now() and ending
// when a frame showing the view has been painted: the end of the long
// animation frame (Long Animation Frames API) in which the view appeared in
// the DOM, or, for a frame under 50 ms, the start of the next long one or
// when two requestAnimationFrames have run (upper bounds; see pageHelpers):
//   overview  navigation start (performance.timeOrigin) -> the system overview
//             with its first domain's rows painted, and (overview_complete)
//             every domain, built after that paint; also when the app started (wasm
//             instantiated), when the last data file arrived, and the JS heap
//             used afterwards (CDP Runtime.getHeapUsage) with the wasm memory
//   switch    the area picker's change event -> the chosen place's overview
//             painted (the first place in the served geography): its first
//             domain, and (switch_complete) every domain
//   detail    the click on the first metric row's link -> the metric detail
//             with its SPC canvas sized and drawn; and (detail_table) from the
//             same click to its data table painted, built after the chart
//   next      on #/present/LLR/1, the ArrowRight keydown -> slide 2 painted
// Start times of the last three are the input events' own timeStamps.
// --profile PREFIX records a CPU profile (CDP Profiler) of each measure in one
// more run, writes PREFIX-<measure>.cpuprofile and prints where the time went
// (serve a copy staged by stage.mjs --named-wasm for Rust function names).
// --trace PREFIX records a Chromium trace (devtools.timeline) of each measure
// in one more run, writes PREFIX-<measure>.json and prints the main thread's
// time by trace event (script, style, layout, paint, GC, ...), which splits
// the profiler's "(program)".
// A benchmark, not a test: it prints figures and never fails on them.

import { mkdir, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/browser/chromium.mjs';
import { startServer } from '../../tests/browser/server.mjs';
import { printProfile, printTrace, summariseProfile, summariseTrace } from './profile.mjs';


const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    runs: { type: 'string', default: '5' },
    rate: { type: 'string', default: '4' },
    out: { type: 'string' },
    label: { type: 'string', default: 'bundled data' },
    measures: { type: 'string', default: 'overview,switch,detail,next' },
    'timeout-ms': { type: 'string', default: '120000' },
    profile: { type: 'string' },
    trace: { type: 'string' },
  },
});
const RUNS = Math.max(1, Number(opts.runs));
const RATE = Number(opts.rate);
const TIMEOUT = Number(opts['timeout-ms']);
const MEASURES = new Set(opts.measures.split(','));

// Installed in every page before any of its scripts: records input events'
// timestamps and the app's start, and waits for a view to be painted.
function pageHelpers() {
  const b = (window.__bench = { inputs: [], appStarted: null, wasmMemory: null });
  for (const type of ['click', 'change', 'keydown']) {
    window.addEventListener(type, (e) => b.inputs.push({ type, t: e.timeStamp }), { capture: true });
  }
  window.addEventListener('TrunkApplicationStarted', (e) => {
    b.appStarted = performance.now();
    b.wasmMemory = e.detail?.wasm?.memory ?? null;
  });
  // Long animation frames (over 50 ms; at 4x throttle, every frame that
  // shows a new view): when each one's rendering, paint included, ended.
  b.frames = [];
  const addFrames = (entries) => {
    for (const e of entries) b.frames.push({ start: e.startTime, end: e.startTime + e.duration });
  };
  // Without the Long Animation Frames API the two-frame wait below stands.
  let frames = null;
  if (PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame')) {
    frames = new PerformanceObserver((list) => addFrames(list.getEntries()));
    frames.observe({ type: 'long-animation-frame', buffered: true });
  }
  const conditions = {
    overview: (area) => document.querySelector(`[data-testid="overview"][data-area="${area}"] [data-metric]`),
    // Every domain built (the ones below the first screen follow its paint).
    complete: (area) =>
      document.querySelector(`[data-testid="overview"][data-area="${area}"] [data-metric]`) &&
      !document.querySelector('main [data-testid="loading"]'),
    detail: () => document.querySelector('[data-testid="metric-detail"] canvas[data-chart="spc"][width]'),
    table: () => document.querySelector('[data-testid="metric-detail"] [data-testid="data-table"] tbody tr'),
    slide: (n) => document.querySelector(`[data-testid="presentation"][data-slide="${n}"] canvas[data-chart="spc"][width]`),
  };
  // Resolves with {found, painted, by}: when the view appeared in the DOM,
  // and when a frame showing it had been painted: the end of the long
  // animation frame it appeared in (by 'frame'), or else the start of the
  // next long one (by 'next'), or else when the second animation frame after
  // it ran (by 'raf'). The last two are upper bounds; the last counts any
  // task the app runs after that paint, such as building the detail page's
  // table. `keepInputs` keeps the input events already seen, to time a second
  // view from the same input.
  b.waits = {};
  b.arm = (name, arg, keepInputs = false) => {
    if (!keepInputs) b.inputs = [];
    b.waits[name] = new Promise((resolve) => {
      const check = () => {
        if (!conditions[name](arg)) return false;
        const found = performance.now();
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const raf = performance.now();
            // Chromium reports a long frame some time after it ends: wait for
            // it for up to half a second (a shorter frame is never reported).
            // A view that appeared in a shorter frame was painted before the
            // next long frame began (an upper bound, by 'next').
            const look = (tries) => {
              if (frames) addFrames(frames.takeRecords());
              const frame = b.frames.find((f) => f.start <= found && found <= f.end);
              const next = b.frames.find((f) => f.start > found && f.start < raf);
              if (frame) resolve({ found, painted: frame.end, by: 'frame' });
              else if (next) resolve({ found, painted: next.start, by: 'next' });
              else if (frames && tries > 0) setTimeout(() => look(tries - 1), 20);
              else resolve({ found, painted: raf, by: 'raf' });
            };
            look(25);
          }),
        );
        return true;
      };
      if (check()) return;
      const observer = new MutationObserver(() => {
        if (check()) observer.disconnect();
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true });
    });
  };
  b.arm('overview', 'LLR');
  b.arm('complete', 'LLR', true);
}

function stats(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return { median: v[Math.floor(v.length / 2)], min: v[0], max: v[v.length - 1], runs: values };
}

async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, serviceWorkers: 'block' });
  await context.addInitScript(pageHelpers);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console error: ${m.text()}`));
  return { context, page, cdp, errors };
}

/** Waits for the armed view `name`; `start` is 'nav' or an input event type. */
async function painted(page, start, name) {
  const r = await page.evaluate(
    async ({ start, name, timeout }) => {
      const b = window.__bench;
      const timer = new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeout));
      const done = await Promise.race([b.waits[name], timer]);
      const input = start === 'nav' ? { t: 0 } : b.inputs.find((i) => i.type === start);
      return { ...done, start: input ? input.t : null };
    },
    { start, name, timeout: TIMEOUT },
  );
  if (r.start == null) throw new Error(`no ${start} event was seen`);
  return { ms: r.painted - r.start, domMs: r.found - r.start, by: r.by };
}

/**
 * One run of every measure in a fresh context. `around(name, cdp, step)`, if
 * given, wraps each measured step (the profiler uses it).
 */
async function oneRun(browser, baseUrl, firstPlace, firstMetric, around = (_name, _cdp, step) => step()) {
  const { context, page, cdp, errors } = await newPage(browser);
  // Each measure's time, and how its paint was timed ('frame' or 'raf').
  const out = { painted_by: {} };
  const keep = (name, r) => {
    out[name] = r.ms;
    out.painted_by[name] = r.by;
    return r;
  };
  try {
    const o = await around('overview', cdp, async () => {
      await page.goto(baseUrl, { waitUntil: 'commit', timeout: TIMEOUT });
      return painted(page, 'nav', 'overview');
    });
    keep('overview', o);
    out.overview_dom = o.domMs;
    keep('overview_complete', await painted(page, 'nav', 'complete'));
    const marks = await page.evaluate(() => {
      const res = performance.getEntriesByType('resource');
      const end = (f) => Math.max(0, ...res.filter(f).map((r) => r.responseEnd));
      return {
        app_started: window.__bench.appStarted,
        wasm_fetched: end((r) => r.name.endsWith('.wasm')),
        data_fetched: end((r) => new URL(r.name).pathname.startsWith('/data/')),
        data_files: res.filter((r) => new URL(r.name).pathname.startsWith('/data/')).length,
        wasm_memory: window.__bench.wasmMemory?.buffer.byteLength ?? null,
        dom_nodes: document.getElementsByTagName('*').length,
        rows: document.querySelectorAll('[data-testid="overview"] [data-metric]').length,
      };
    });
    Object.assign(out, marks);
    const heap = await cdp.send('Runtime.getHeapUsage');
    out.heap_used = heap.usedSize;
    out.heap_total = heap.totalSize;

    if (MEASURES.has('switch')) {
      await page.evaluate((area) => {
        window.__bench.arm('overview', area);
        window.__bench.arm('complete', area, true);
      }, firstPlace);
      keep('switch', await around('switch', cdp, async () => {
        await page.selectOption('select#area-picker', firstPlace);
        return painted(page, 'change', 'overview');
      }));
      keep('switch_complete', await painted(page, 'change', 'complete'));
    }
    if (MEASURES.has('detail')) {
      // From the system overview, so every run opens the same page.
      await page.evaluate(() => {
        window.__bench.arm('overview', 'LLR');
        location.hash = '#/';
      });
      await painted(page, 'nav', 'overview');
      // The data table is built after the chart has been painted: time both.
      await page.evaluate(() => {
        window.__bench.arm('detail');
        window.__bench.arm('table', null, true);
      });
      const detail = await around('detail', cdp, async () => {
        await page.click(`[data-testid="overview"] [data-metric="${firstMetric}"] a.metric-name`);
        return painted(page, 'click', 'detail');
      });
      keep('detail', detail);
      out.detail_dom = detail.domMs;
      keep('detail_table', await painted(page, 'click', 'table'));
      out.detail_drawn_pixels = await page.evaluate(() => {
        const el = document.querySelector('[data-testid="metric-detail"] canvas[data-chart="spc"]');
        const img = el.getContext('2d').getImageData(0, 0, el.width, el.height).data;
        let n = 0;
        for (let i = 0; i < img.length; i += 4) if (img[i] < 200 || img[i + 1] < 200 || img[i + 2] < 200) n += 1;
        return n;
      });
    }
    if (MEASURES.has('next')) {
      await page.evaluate(() => {
        window.__bench.arm('slide', 1);
        location.hash = '#/present/LLR/1';
      });
      await painted(page, 'nav', 'slide');
      await page.evaluate(() => window.__bench.arm('slide', 2));
      keep('next', await around('next', cdp, async () => {
        await page.keyboard.press('ArrowRight');
        return painted(page, 'keydown', 'slide');
      }));
    }
  } finally {
    out.errors = errors;
    await context.close();
  }
  return out;
}

/** One more run with a Chromium trace of each measured step. */
async function traceRun(browser, baseUrl, firstPlace, firstMetric, prefix) {
  const traces = {};
  const around = async (name, _cdp, step) => {
    const page = browser.contexts().at(-1).pages()[0];
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'blink.user_timing'],
    });
    const r = await step();
    const buffer = await browser.stopTracing();
    const file = `${prefix}-${name}.json`;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, buffer);
    traces[name] = { ms: r.ms, file, ...summariseTrace(JSON.parse(buffer.toString('utf8'))) };
    return r;
  };
  await oneRun(browser, baseUrl, firstPlace, firstMetric, around);
  return traces;
}

/**
 * The page's own clock for a fixed busy loop: first with the throttling set
 * before navigation (as in the runs, so this checks it survives the
 * navigation), then unthrottled.
 */
async function throttleCheck(browser, baseUrl) {
  const { context, page, cdp } = await newPage(browser);
  try {
    await page.goto(`${baseUrl}__bench_blank__.txt`, { waitUntil: 'load' }).catch(() => {});
    const loop = () =>
      page.evaluate(() => {
        const t = performance.now();
        let x = 0;
        for (let i = 0; i < 2e7; i++) x = (x + i * 7) % 1000003;
        return performance.now() - t + (x < 0 ? 1 : 0);
      });
    await loop();
    const slowed = await loop();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await loop();
    const plain = await loop();
    return { unthrottled_ms: plain, throttled_ms: slowed, factor: slowed / plain };
  } finally {
    await context.close();
  }
}

/**
 * One more run with the CDP sampling profiler on during each measured step;
 * writes PREFIX-<measure>.cpuprofile (open in Chromium's DevTools) and
 * returns the self time by function of each.
 */
async function profileRun(browser, baseUrl, firstPlace, firstMetric, prefix) {
  const profiles = {};
  const around = async (name, cdp, step) => {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const r = await step();
    const { profile } = await cdp.send('Profiler.stop');
    const file = `${prefix}-${name}.cpuprofile`;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(profile));
    profiles[name] = { ms: r.ms, file, ...summariseProfile(profile) };
    return r;
  };
  await oneRun(browser, baseUrl, firstPlace, firstMetric, around);
  return profiles;
}

// ---------------------------------------------------------------- main

const dist = path.resolve(opts.dist);
const geography = JSON.parse(await readFile(path.join(dist, 'data', 'geography.json'), 'utf8'));
const catalogue = JSON.parse(await readFile(path.join(dist, 'data', 'metrics.json'), 'utf8'));
const firstPlace = geography.areas.find((a) => a.level === 'place').code;
const firstMetric = catalogue.metrics[0].id;
const server = await startServer({ root: dist, port: 0 });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
const result = {
  label: opts.label,
  dist,
  cpu_throttling_rate: RATE,
  viewport: '1024x768',
  chromium: browser.version(),
  switch_to: firstPlace,
  detail_metric: firstMetric,
  runs: [],
};
try {
  console.log(
    `Browser timings (${opts.label}): Chromium ${browser.version()}, CPU throttled ${RATE}x, 1024x768, ${RUNS} runs, fresh context each`,
  );
  for (let i = 0; i < RUNS; i++) {
    const run = await oneRun(browser, server.url, firstPlace, firstMetric);
    result.runs.push(run);
    const parts = [`overview ${run.overview.toFixed(0)} ms`];
    for (const k of ['switch', 'detail', 'next']) if (k in run) parts.push(`${k} ${run[k].toFixed(1)} ms`);
    parts.push(`heap ${(run.heap_used / 1e6).toFixed(1)} MB`);
    console.log(`  run ${i + 1}: ${parts.join(', ')}${run.errors.length ? `; ${run.errors.length} page error(s)` : ''}`);
  }
  const keys = [
    'overview', 'overview_dom', 'overview_complete', 'app_started', 'wasm_fetched', 'data_fetched', 'switch', 'switch_complete', 'detail', 'detail_dom', 'detail_table', 'next',
    'heap_used', 'heap_total', 'wasm_memory', 'dom_nodes',
  ];
  result.summary = {};
  for (const k of keys) {
    const s = stats(result.runs.map((r) => r[k]));
    if (s) result.summary[k] = s;
  }
  const s = result.summary;
  const line = (label, st, unit = 'ms', scale = 1, dp = 1) =>
    st && console.log(`  ${label.padEnd(58)} median ${(st.median / scale).toFixed(dp).padStart(8)} ${unit}  (min ${(st.min / scale).toFixed(dp)}, max ${(st.max / scale).toFixed(dp)})`);
  line('navigation -> overview painted (its first screen)', s.overview);
  line('  and every domain painted (built after the first)', s.overview_complete);
  line('  of which: app started (wasm fetched, compiled, run)', s.app_started);
  line('  of which: last data file fetched', s.data_fetched);
  line('area switch (LLR -> ' + firstPlace + ') -> overview painted (first screen)', s.switch);
  line('  and every domain painted (built after the first)', s.switch_complete);
  line(`metric detail (${firstMetric}) -> SPC chart painted`, s.detail);
  line('  and its data table painted (built after the chart)', s.detail_table);
  line('presentation next slide -> slide 2 painted', s.next);
  line('JS heap used after the overview', s.heap_used, 'MB', 1e6);
  line('wasm linear memory after the overview', s.wasm_memory, 'MB', 1e6);
  // How the paints were timed: the end of the long animation frame the view
  // appeared in, or (for a frame under 50 ms) two animation frames later.
  const by = {};
  for (const r of result.runs) {
    for (const [k, v] of Object.entries(r.painted_by ?? {})) {
      by[k] ??= { frame: 0, next: 0, raf: 0 };
      by[k][v] += 1;
    }
  }
  result.painted_by = by;
  console.log(`  paints timed by their frame's end / the next long frame / two animation frames: ${Object.entries(by).map(([k, n]) => `${k} ${n.frame}/${n.next}/${n.raf}`).join(', ')}`);
  result.throttle_check = await throttleCheck(browser, server.url);
  console.log(
    `  throttle check: a fixed JS loop took ${result.throttle_check.unthrottled_ms.toFixed(0)} ms unthrottled, ${result.throttle_check.throttled_ms.toFixed(0)} ms throttled (${result.throttle_check.factor.toFixed(1)}x)`,
  );
  // Console errors, counted by message (hashes in CSP messages elided).
  const errors = new Map();
  for (const e of result.runs.flatMap((r) => r.errors)) {
    const text = e.replace(/'sha\d+-[^']*'/g, "'sha…'").replace(/\. Either the 'unsafe-inline'.*$/, '');
    errors.set(text, (errors.get(text) ?? 0) + 1);
  }
  result.page_errors = Object.fromEntries(errors);
  for (const [text, n] of errors) console.log(`  page error (${n} in ${RUNS} runs): ${text.slice(0, 200)}`);
  if (opts.profile) {
    result.profile = await profileRun(browser, server.url, firstPlace, firstMetric, opts.profile);
    for (const [name, p] of Object.entries(result.profile)) {
      console.log(`  CPU profile of ${name} (${p.ms.toFixed(0)} ms in that run; ${p.file})`);
      printProfile(p, '    ');
    }
  }
  if (opts.trace) {
    result.trace = await traceRun(browser, server.url, firstPlace, firstMetric, opts.trace);
    for (const [name, t] of Object.entries(result.trace)) {
      console.log(`  Trace of ${name} (${t.ms.toFixed(0)} ms in that run; ${t.file})`);
      printTrace(t, '    ');
    }
  }
} finally {
  await browser.close();
  await server.close();
}
if (opts.out) {
  await mkdir(path.dirname(opts.out), { recursive: true });
  await writeFile(opts.out, JSON.stringify(result, null, 1) + '\n');
  console.log(`  written to ${opts.out}`);
}
