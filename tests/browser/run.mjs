// Browser tests for the built dashboard: headless Debian Chromium driven by
// playwright-core, against dist/ served by ./server.mjs on a free port.
//
//   node tests/browser/run.mjs [--dist dist] [--base-url URL] [--only SUBSTRING]...
//                              [--list] [--axe-min-impact minor|moderate|serious|critical]
//
//   --dist DIR         directory to serve (default: dist, built by `trunk build --release`)
//   --base-url URL     test an already running server instead (e.g. trunk serve)
//   --only SUBSTRING   run only tests whose name contains SUBSTRING (repeatable)
//   --list             print the test names and exit
//   --axe-min-impact   lowest axe impact that fails a test (default: minor = any
//                      violation); also settable with AXE_MIN_IMPACT
//
// The tests are in suites/ (screens, views, failures, security), each a list
// of {name, context, run({page, baseUrl, server})}; helpers.mjs holds what
// they share. This file chooses, runs and reports them.
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), SCREENSHOT_DIR
// (default target/screenshots), TEST_TIMEOUT_MS (per test, default 120000).
//
// The app's DOM contract (what these tests rely on, nothing else):
//   [data-testid="overview"][data-area="<area id>"]    the overview; "LLR" = whole system
//   [data-metric="<metric id>"] inside the overview   one row per metric
//   [data-field="value"] inside a row                 the row's headline value
//   select#area-picker                                area choice (option values = area ids)
//   a <select> with an option value "LC-WEST"          locality choice
//   h1                                                the page heading, names the area
//   canvas[data-chart="sparkline"]                    sparklines, backing store sized to
//                                                     round(clientWidth * devicePixelRatio)
//   [data-testid="loading"]                           shown while data loads, and (hidden)
//                                                     while parts of a page below its first
//                                                     screen are still being built
//   [data-testid="error-panel"]                       names extracts that failed to load

import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { startServer } from './server.mjs';
import {
  IMPACT_ORDER,
  SCREENSHOT_DIR,
  TestFailure,
  fullPageScreenshot,
  recordedProblems,
  resetMonitor,
  setAxeMinImpact,
  shown,
} from './helpers.mjs';
import { TESTS as SCREENS } from './suites/screens.mjs';
import { TESTS as VIEWS } from './suites/views.mjs';
import { TESTS as FAILURES } from './suites/failures.mjs';
import { TESTS as SECURITY } from './suites/security.mjs';

const TESTS = [...SCREENS, ...VIEWS, ...FAILURES, ...SECURITY];

// ---------------------------------------------------------------- arguments

const { values: opts } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    'base-url': { type: 'string' },
    only: { type: 'string', multiple: true, default: [] },
    list: { type: 'boolean', default: false },
    'axe-min-impact': { type: 'string', default: process.env.AXE_MIN_IMPACT || 'minor' },
  },
});
if (!IMPACT_ORDER.includes(opts['axe-min-impact'])) {
  console.error(`--axe-min-impact must be one of ${IMPACT_ORDER.join(', ')}`);
  process.exit(2);
}
setAxeMinImpact(opts['axe-min-impact']);
const TEST_TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 120_000);

// ---------------------------------------------------------------- runner

function withTimeout(promise, ms, name) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new TestFailure(`test "${name}" timed out after ${ms / 1000}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function slug(name) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

async function main() {
  const selected = TESTS.filter((t) => opts.only.length === 0 || opts.only.some((o) => t.name.includes(o)));
  if (opts.list) {
    for (const t of TESTS) console.log(t.name);
    return 0;
  }
  if (selected.length === 0) {
    console.error(`no test matches --only ${opts.only.join(', ')}`);
    return 2;
  }

  let server = null;
  let baseUrl = opts['base-url'];
  if (!baseUrl) {
    server = await startServer({ root: path.resolve(process.cwd(), opts.dist) });
    baseUrl = server.url;
    console.log(`serving ${opts.dist} at ${baseUrl}`);
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  console.log(`browser: ${CHROMIUM_PATH} ${browser.version()}`);

  const failures = [];
  try {
    for (const [i, test] of selected.entries()) {
      const started = Date.now();
      console.log(`\n[${i + 1}/${selected.length}] ${test.name}`);
      // A failure screenshot from an earlier run would outlive a pass.
      await rm(path.join(SCREENSHOT_DIR, `failed-${slug(test.name)}.png`), { force: true });
      resetMonitor();
      const context = await browser.newContext({ acceptDownloads: true, ...test.context, serviceWorkers: test.context?.serviceWorkers ?? 'block' });
      const page = await context.newPage();
      try {
        server?.faults.clear();
        server?.hits.clear();
        await withTimeout(test.run({ page, baseUrl, server }), TEST_TIMEOUT_MS, test.name);
        console.log(`  ok (${((Date.now() - started) / 1000).toFixed(1)}s)`);
      } catch (err) {
        const message = err instanceof TestFailure ? err.message : err.stack || String(err);
        console.log(`  FAILED (${((Date.now() - started) / 1000).toFixed(1)}s)\n  ${message.replace(/\n/g, '\n  ')}`);
        failures.push(test.name);
        const recorded = recordedProblems().filter((p) => !message.includes(p));
        if (recorded.length) console.log(`  browser errors recorded during the test:\n    ${recorded.join('\n    ')}`);
        try {
          await mkdir(SCREENSHOT_DIR, { recursive: true });
          const file = path.join(SCREENSHOT_DIR, `failed-${slug(test.name)}.png`);
          await fullPageScreenshot(page, file, { timeout: 10_000 });
          console.log(`  screenshot of the failure: ${shown(file)}`);
        } catch {
          // The page may be gone; the message above is what matters.
        }
      } finally {
        await context.close().catch(() => {});
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await server?.close();
  }

  console.log(`\n${selected.length - failures.length} passed, ${failures.length} failed`);
  for (const name of failures) console.log(`  FAILED: ${name}`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err.stack || String(err));
    process.exit(1);
  },
);
