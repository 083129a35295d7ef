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
//   [data-testid="loading"]                           shown while data loads
//   [data-testid="error-panel"]                       names extracts that failed to load

import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';
import { startServer } from './server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const AXE_PATH = path.join(REPO, 'node_modules', 'axe-core', 'axe.min.js');

export const METRIC_IDS = [
  'ae_4hr',
  'amb_c1_mean',
  'amb_c1_p90',
  'amb_c2_mean',
  'amb_c2_p90',
  'rtt_18wk',
  'rtt_52wk',
  'cancer_fds',
  'cancer_62d',
  'cancer_31d',
  'tt_access',
  'tt_6wk',
  'tt_18wk',
  'tt_recovery',
  'wf_staff_fte',
  'wf_vacancy',
  'wf_turnover',
  'wf_sickness',
  'wf_agency',
  'wf_gp_per_10k',
];

const SYSTEM_AREA = 'LLR';
const CITY_AREA = 'E06000016';
const CITY_NAME = 'Leicester City';
const LOCALITY = 'LC-WEST';
const OVERVIEW = '[data-testid="overview"]';
const LOAD_TIMEOUT = 30_000;

const IMPACT_ORDER = ['minor', 'moderate', 'serious', 'critical'];

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
const SCREENSHOT_DIR = path.resolve(REPO, process.env.SCREENSHOT_DIR || 'target/screenshots');
const TEST_TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 120_000);

// ---------------------------------------------------------------- helpers

class TestFailure extends Error {}

function fail(message) {
  throw new TestFailure(message);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Poll `check` (async, returns null when satisfied or a string saying what is
 * still wrong) until it passes or `timeout` ms pass; then fail with the last
 * message.
 */
async function waitUntil(description, check, { timeout = LOAD_TIMEOUT, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let problem = 'not checked';
  for (;;) {
    try {
      problem = await check();
    } catch (err) {
      problem = `check threw: ${err.message}`;
    }
    if (problem == null) return;
    if (currentMonitor?.pageErrors.length) {
      fail(`${description}: gave up after an uncaught page error:\n    ${currentMonitor.pageErrors.join('\n    ')}`);
    }
    if (Date.now() >= deadline) fail(`${description} (waited ${timeout / 1000}s): ${problem}`);
    await sleep(interval);
  }
}

/** Record console errors, uncaught page errors, failed and HTTP-error requests. */
// The monitor of the running test: waits give up early after an uncaught page
// error (a Rust panic surfaces as one), and failures list what it recorded.
let currentMonitor = null;

function monitor(page, { allowConsoleErrors = false, expectFailing = null } = {}) {
  // Requests the test breaks on purpose (a RegExp over the URL) are notes, not problems.
  const expected = (url) => expectFailing != null && expectFailing.test(url);
  const problems = [];
  const notes = [];
  const pageErrors = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const loc = msg.location();
    const where = loc?.url ? ` (${loc.url}:${loc.lineNumber})` : '';
    (allowConsoleErrors ? notes : problems).push(`console error: ${msg.text()}${where}`);
  });
  page.on('pageerror', (err) => {
    const text = `uncaught page error: ${err.stack || err.message}`;
    problems.push(text);
    pageErrors.push(text);
  });
  page.on('requestfailed', (req) =>
    (expected(req.url()) ? notes : problems).push(`request failed: ${req.method()} ${req.url()}: ${req.failure()?.errorText ?? 'unknown'}`),
  );
  page.on('response', (resp) => {
    if (resp.status() >= 400) {
      (expected(resp.url()) ? notes : problems).push(`HTTP ${resp.status()} for ${resp.request().method()} ${resp.url()}`);
    }
  });
  currentMonitor = {
    notes,
    problems,
    pageErrors,
    assertClean(context) {
      if (problems.length) {
        fail(`${problems.length} browser error(s) ${context}:\n    ${problems.join('\n    ')}`);
      }
    },
  };
  return currentMonitor;
}

async function assertSingleOverview(page) {
  const n = await page.locator(OVERVIEW).count();
  if (n !== 1) fail(`expected exactly one ${OVERVIEW}, found ${n}`);
}

async function waitForOverview(page, area) {
  const selector = area ? `${OVERVIEW}[data-area="${area}"]` : OVERVIEW;
  await waitUntil(`waiting for ${selector}`, async () => {
    if ((await page.locator(selector).count()) > 0) return null;
    const current = await page.evaluate((sel) => document.querySelector(sel)?.getAttribute('data-area'), OVERVIEW);
    return current === undefined ? `no ${OVERVIEW} on the page` : `the overview has data-area="${current}"`;
  });
}

async function waitForLoadingToFinish(page) {
  await waitUntil('waiting for [data-testid="loading"] to disappear', async () => {
    const visible = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="loading"]')].some((el) => el.getClientRects().length > 0),
    );
    return visible ? 'a loading indicator is still visible' : null;
  });
}

/** Per metric: does the overview have a row, and what does its value say. */
function readMetricRows(page) {
  return page.evaluate(
    ({ ids, overviewSel }) => {
      const overview = document.querySelector(overviewSel);
      return ids.map((id) => {
        const rows = overview ? overview.querySelectorAll(`[data-metric="${id}"]`) : [];
        if (rows.length === 0) return { id, problem: `no [data-metric="${id}"] row in the overview` };
        const value = rows[0].querySelector('[data-field="value"]');
        if (!value) return { id, problem: `row [data-metric="${id}"] has no [data-field="value"]` };
        return { id, text: value.textContent.replace(/\s+/g, ' ').trim() };
      });
    },
    { ids: METRIC_IDS, overviewSel: OVERVIEW },
  );
}

function isMissingValue(text) {
  return text === '' || /^no data$/i.test(text);
}

async function checkMetricRows(page, { requireValues, only = METRIC_IDS }) {
  await waitUntil(
    requireValues ? 'every metric row should show a value' : 'every metric should have a row',
    async () => {
      const rows = (await readMetricRows(page)).filter((r) => only.includes(r.id));
      const bad = rows
        .map((r) => {
          if (r.problem) return r.problem;
          if (requireValues && isMissingValue(r.text)) return `${r.id}: value is ${JSON.stringify(r.text)}`;
          return null;
        })
        .filter(Boolean);
      return bad.length ? `${bad.length} problem(s):\n    ${bad.join('\n    ')}` : null;
    },
  );
}

async function checkHeading(page, expected) {
  await waitUntil(`the h1 should contain "${expected}"`, async () => {
    const h1 = await page.evaluate(() => document.querySelector('h1')?.textContent.replace(/\s+/g, ' ').trim());
    if (h1 == null) return 'there is no h1';
    return h1.includes(expected) ? null : `h1 is "${h1}"`;
  });
}

/**
 * Every rendered sparkline canvas must have a backing store matching its CSS
 * size times devicePixelRatio (sharp on high-DPI screens, no blurry scaling).
 * Sections far below the first screen are skipped by `content-visibility:
 * auto` and their charts drawn only when they come near, so with `scroll`
 * the page is scrolled down a screen at a time and each newly rendered
 * sparkline checked too, then back to the top: every one is drawn by the
 * time it can be seen.
 */
async function checkSparklines(page, { requireSome, expectDpr, label, scroll = false }) {
  const seen = new Set();
  const checkHere = async (where) => {
    let last = [];
    await waitUntil(`${label}${where}: sparkline canvases should be sized to clientWidth * devicePixelRatio`, async () => {
      last = await page.evaluate(() =>
        [...document.querySelectorAll('canvas[data-chart="sparkline"]')].map((c) => ({
          metric: c.closest('[data-metric]')?.getAttribute('data-metric') ?? '?',
          // Not in a section the browser is skipping (content-visibility: auto).
          rendered: c.getClientRects().length > 0 && c.checkVisibility({ contentVisibilityAuto: true }),
          widthAttr: c.getAttribute('width'),
          clientWidth: c.clientWidth,
          dpr: window.devicePixelRatio,
          expected: Math.round(c.clientWidth * window.devicePixelRatio),
        })),
      );
      if (expectDpr && last[0] && last[0].dpr !== expectDpr) {
        return `devicePixelRatio is ${last[0].dpr}, expected ${expectDpr}`;
      }
      const rendered = last.filter((c) => c.rendered);
      if (requireSome && rendered.length === 0) return 'no rendered canvas[data-chart="sparkline"] on the page';
      const bad = rendered.filter((c) => c.widthAttr !== String(c.expected));
      return bad.length
        ? `${bad.length} of ${rendered.length} wrong:\n    ` +
            bad
              .slice(0, 8)
              .map(
                (c) =>
                  `${c.metric}: width="${c.widthAttr}", clientWidth ${c.clientWidth} x dpr ${c.dpr} -> expected ${c.expected}`,
              )
              .join('\n    ') +
            (bad.length > 8 ? `\n    ... and ${bad.length - 8} more` : '')
        : null;
    }, { timeout: 5_000 });
    for (const c of last) if (c.rendered) seen.add(c.metric);
    return last;
  };
  const all = await checkHere('');
  if (scroll) {
    for (let step = 1; step < 40; step += 1) {
      const atEnd = await page.evaluate(async () => {
        // 'instant': the stylesheet asks for smooth scrolling
        window.scrollBy({ top: window.innerHeight, behavior: 'instant' });
        // Sections coming near are rendered (and the page grows) in the next frames.
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
      });
      await checkHere(` (scrolled ${step} screen(s) down)`);
      if (atEnd) break;
    }
    await page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
    const missed = all.map((c) => c.metric).filter((m) => !seen.has(m));
    if (missed.length) fail(`${label}: sparklines never drawn while scrolling through the page: ${missed.join(', ')}`);
  }
  return seen.size;
}

let axeSource = null;

async function runAxe(page, label) {
  // Evaluated through the DevTools protocol: the page's CSP (rightly) refuses
  // an injected <script>.
  axeSource ??= await readFile(AXE_PATH, 'utf8');
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }),
  );
  const min = IMPACT_ORDER.indexOf(opts['axe-min-impact']);
  const counted = results.violations.filter((v) => IMPACT_ORDER.indexOf(v.impact ?? 'minor') >= min);
  const ignored = results.violations.length - counted.length;
  if (ignored) console.log(`    note: ${ignored} axe violation(s) below impact "${opts['axe-min-impact']}" ignored`);
  if (counted.length === 0) return;
  const text = counted
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => {
          const summary = (n.failureSummary || '')
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean)
            .join('\n        ');
          return `      at ${n.target.join(' ')}\n        ${n.html.slice(0, 160)}\n        ${summary}`;
        })
        .join('\n');
      const more = v.nodes.length > 5 ? `\n      ... and ${v.nodes.length - 5} more element(s)` : '';
      return `  [${v.impact}] ${v.id}: ${v.help}\n      ${v.helpUrl}\n${nodes}${more}`;
    })
    .join('\n');
  fail(`axe found ${counted.length} accessibility violation(s) on ${label}:\n${text}`);
}

/** A path relative to the repository when inside it, else absolute. */
function shown(file) {
  const rel = path.relative(REPO, file);
  return rel.startsWith('..') ? file : rel;
}

async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await fullPageScreenshot(page, file);
  console.log(`    screenshot: ${shown(file)}`);
}

/**
 * A screenshot of the whole page as a reader scrolling down it sees it. The
 * app lets the browser skip sections far from the screen until they come near
 * (content-visibility: auto), which a full-page capture would show as blank
 * boxes; they are rendered for the capture (through the CSSOM, which the CSP
 * allows), their charts drawn, and put back afterwards.
 */
async function fullPageScreenshot(page, file, options = {}) {
  const skipped = await page.evaluate(async () => {
    const els = [...document.querySelectorAll('main *')].filter((el) => getComputedStyle(el).contentVisibility === 'auto');
    for (const el of els) el.style.contentVisibility = 'visible';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return els.length;
  }).catch(() => 0);
  await page.screenshot({ path: file, fullPage: true, ...options });
  if (skipped) {
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('main *')) el.style.removeProperty('content-visibility');
    }).catch(() => {});
  }
}

/** Choose `value` in whichever <select> offers it (select#area-picker first). */
async function pickOption(page, value) {
  const selector = await page.evaluate((v) => {
    const selects = [
      document.querySelector('select#area-picker'),
      ...document.querySelectorAll('select'),
    ].filter(Boolean);
    const match = selects.find((s) => [...s.options].some((o) => o.value === v));
    if (!match) return null;
    if (match.id) return `select#${CSS.escape(match.id)}`;
    match.setAttribute('data-test-picked', v);
    return `select[data-test-picked="${v}"]`;
  }, value);
  if (!selector) fail(`no <select> on the page has an option with value "${value}"`);
  await page.selectOption(selector, value);
  return selector;
}

// ---------------------------------------------------------------- tests

const VIEWPORTS = [
  { name: 'tablet', width: 1024, height: 768, deviceScaleFactor: 1 },
  { name: 'phone', width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
];

function viewportTest(vp) {
  return {
    name: `${vp.name} ${vp.width}x${vp.height}@${vp.deviceScaleFactor}x: overview, area and locality, sparklines, axe`,
    context: {
      viewport: { width: vp.width, height: vp.height },
      deviceScaleFactor: vp.deviceScaleFactor,
      isMobile: vp.isMobile ?? false,
      hasTouch: vp.hasTouch ?? false,
    },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      await page.goto(baseUrl);
      await waitForOverview(page);
      await assertSingleOverview(page);
      await waitForLoadingToFinish(page);

      const area = await page.locator(OVERVIEW).getAttribute('data-area');
      if (area !== SYSTEM_AREA) fail(`overview data-area is ${JSON.stringify(area)}, expected "${SYSTEM_AREA}"`);
      await checkMetricRows(page, { requireValues: true });
      const n = await checkSparklines(page, { requireSome: true, expectDpr: vp.deviceScaleFactor, label: 'system view', scroll: true });
      console.log(`    system view: ${METRIC_IDS.length} metric rows with values, ${n} sparklines sized correctly`);
      errors.assertClean('on the system view');
      await screenshot(page, vp.name);
      await runAxe(page, `the system overview at ${vp.width}x${vp.height}`);

      // Area: Leicester City.
      if ((await page.locator('select#area-picker').count()) !== 1) fail('there is no select#area-picker');
      await page.selectOption('select#area-picker', CITY_AREA);
      await waitForOverview(page, CITY_AREA);
      await checkHeading(page, CITY_NAME);
      await waitForLoadingToFinish(page);
      await checkMetricRows(page, { requireValues: false });
      await checkSparklines(page, { requireSome: false, expectDpr: vp.deviceScaleFactor, label: `area ${CITY_AREA}` });
      errors.assertClean(`after choosing area ${CITY_AREA}`);

      // Locality within the city.
      await pickOption(page, LOCALITY);
      await waitForOverview(page, LOCALITY);
      await waitForLoadingToFinish(page);
      await checkMetricRows(page, { requireValues: false });
      await checkSparklines(page, { requireSome: false, expectDpr: vp.deviceScaleFactor, label: `locality ${LOCALITY}` });
      errors.assertClean(`after choosing locality ${LOCALITY}`);
    },
  };
}

// Every route of the app, with what shows it is drawn (for axe and screenshots).
const ALL_ROUTES = [
  ['#/', OVERVIEW],
  [`#/area/${CITY_AREA}`, OVERVIEW],
  [`#/area/${LOCALITY}`, OVERVIEW],
  ['#/area/LLR/period/2024-03', OVERVIEW],
  ['#/area/LLR/metric/ae_4hr', '[data-testid="metric-detail"]'],
  ['#/area/LLR/metric/rtt_18wk/range/2022-01/2024-12', '[data-testid="metric-detail"]'],
  ['#/compare/ae_4hr/place', '[data-testid="compare"]'],
  ['#/compare/tt_access/locality/2024-03', '[data-testid="compare"]'],
  ['#/area/LLR/workforce', '[data-testid="workforce"]'],
  ['#/present/LLR/1', '.presentation'],
  ['#/present/E06000016/2/rtt_18wk,cancer_62d', '.presentation'],
  ['#/about', 'main h1'],
  ['#/accessibility', 'main h1'],
  ['#/no/such/page', 'main h1'],
];

/** Go to `hash` and wait for its page, its charts and the end of loading. */
async function openRoute(page, baseUrl, hash, selector) {
  await page.goto(`${baseUrl}${hash}`);
  await page.waitForSelector(selector, { timeout: LOAD_TIMEOUT });
  await waitForLoadingToFinish(page);
}

/** Fails when the page scrolls sideways at the current viewport. */
async function checkNoSidewaysScroll(page, label) {
  await waitUntil(`${label} fits the window`, async () => {
    const r = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
    return r.sw <= r.cw ? null : `page is ${r.sw}px wide in a ${r.cw}px window`;
  }, { timeout: 5_000 });
}

function slugHash(hash) {
  return hash.replace(/^#\/?/, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'home';
}

// The three themes every route is checked in: default, the projector theme
// (the header's "Projector view", kept in localStorage) and the dark scheme.
const THEMES = [
  { name: 'default', context: {} },
  { name: 'projector', context: {}, storage: { 'llr-theme': 'projector' } },
  { name: 'dark', context: { colorScheme: 'dark' } },
];

function themeAxeTest(theme) {
  return {
    name: `axe on every route, ${theme.name} theme, 1280x720`,
    context: { viewport: { width: 1280, height: 720 }, ...theme.context },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      if (theme.storage) {
        await page.addInitScript((entries) => {
          for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
        }, theme.storage);
      }
      for (const [hash, selector] of ALL_ROUTES) {
        await openRoute(page, baseUrl, hash, selector);
        if (theme.name === 'projector' && !hash.startsWith('#/present')) {
          const look = await page.evaluate(() => ({
            attr: document.documentElement.dataset.theme,
            size: parseFloat(getComputedStyle(document.body).fontSize),
          }));
          if (look.attr !== 'projector' || look.size < 24) fail(`${hash}: projector theme not applied: ${JSON.stringify(look)}`);
        }
        await runAxe(page, `${hash} (${theme.name} theme)`);
        await checkNoSidewaysScroll(page, `${hash} (${theme.name})`);
      }
      await screenshot(page, `theme-${theme.name}-last-route`);
      errors.assertClean(`in the ${theme.name} theme`);
    },
  };
}

// The sizes the issue names: phone, tablet, and the two projector sizes.
const SCREEN_SIZES = [
  { width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { width: 1024, height: 768, deviceScaleFactor: 1 },
  { width: 1280, height: 720, deviceScaleFactor: 1 },
  { width: 1920, height: 1080, deviceScaleFactor: 1 },
];

function screenSizeTest(size) {
  return {
    name: `screens ${size.width}x${size.height}: every route fits, heading visible, screenshot of each`,
    context: { viewport: { width: size.width, height: size.height }, deviceScaleFactor: size.deviceScaleFactor,
      isMobile: size.isMobile ?? false, hasTouch: size.hasTouch ?? false },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      for (const [hash, selector] of ALL_ROUTES) {
        await openRoute(page, baseUrl, hash, selector);
        await checkNoSidewaysScroll(page, hash);
        const h1 = await page.locator('main h1').first().boundingBox();
        if (!h1 || h1.y < 0 || h1.y > size.height) fail(`${hash}: the page heading is not in the first screen (${JSON.stringify(h1)})`);
        await mkdir(path.join(SCREENSHOT_DIR, 'screens'), { recursive: true });
        await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'screens', `${size.width}x${size.height}-${slugHash(hash)}.png`) });
      }
      console.log(`    ${ALL_ROUTES.length} screenshots in ${shown(path.join(SCREENSHOT_DIR, 'screens'))}`);
      errors.assertClean(`at ${size.width}x${size.height}`);
    },
  };
}

const TESTS = [
  ...VIEWPORTS.map(viewportTest),
  ...THEMES.map(themeAxeTest),
  ...SCREEN_SIZES.map(screenSizeTest),

  {
    name: 'projector 1920x1080: overview renders cleanly, screenshot',
    context: { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      await page.goto(baseUrl);
      await waitForOverview(page, SYSTEM_AREA);
      await waitForLoadingToFinish(page);
      await checkMetricRows(page, { requireValues: true });
      await checkSparklines(page, { requireSome: true, expectDpr: 1, label: 'system view' });
      errors.assertClean('on the system view');
      await screenshot(page, 'projector');
    },
  },

  {
    name: 'resize: sparklines re-size their backing store when the viewport changes',
    context: { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2 },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      await page.goto(baseUrl);
      await waitForOverview(page, SYSTEM_AREA);
      await waitForLoadingToFinish(page);
      await checkSparklines(page, { requireSome: true, expectDpr: 2, label: 'at 1024x768' });
      for (const [width, height] of [
        [390, 844],
        [1920, 1080],
      ]) {
        await page.setViewportSize({ width, height });
        await checkSparklines(page, { requireSome: true, expectDpr: 2, label: `after resizing to ${width}x${height}` });
      }
      errors.assertClean('while resizing');
    },
  },

  {
    name: 'invalid cancer.json: error panel names it, other metrics still shown',
    context: { viewport: { width: 1024, height: 768 } },
    async run({ page, baseUrl }) {
      // The app may log the parse failure; uncaught errors and failed requests still fail the test.
      const errors = monitor(page, { allowConsoleErrors: true });
      let intercepted = 0;
      await page.route(/\/data\/extracts\/cancer\.json(\?.*)?$/, (route) => {
        intercepted += 1;
        return route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: '{"this is": not valid JSON',
        });
      });
      await page.goto(baseUrl);
      await waitForOverview(page);
      await waitUntil('the error panel should mention cancer.json', async () => {
        if (intercepted === 0) return 'the app has not requested data/extracts/cancer.json yet';
        const panels = await page.locator('[data-testid="error-panel"]').allTextContents();
        if (panels.length === 0) return 'there is no [data-testid="error-panel"]';
        return panels.some((t) => t.includes('cancer.json'))
          ? null
          : `error panel text: ${JSON.stringify(panels.join(' | ').slice(0, 300))}`;
      });
      await waitForLoadingToFinish(page);
      await checkMetricRows(page, { requireValues: true, only: ['ae_4hr'] });
      for (const note of errors.notes) console.log(`    (allowed) ${note}`);
      errors.assertClean('with cancer.json corrupted');
    },
  },

  {
    name: 'loading indicator: shown while data is pending, gone once it arrives',
    context: { viewport: { width: 1024, height: 768 } },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      let release;
      const gate = new Promise((resolve) => {
        release = resolve;
      });
      let held = 0;
      await page.route(/\/data\//, async (route) => {
        held += 1;
        await gate;
        await route.continue().catch(() => {});
      });
      await page.goto(baseUrl);
      try {
        await waitUntil('a [data-testid="loading"] indicator should be visible while data requests are held', async () => {
          const visible = await page.evaluate(() =>
            [...document.querySelectorAll('[data-testid="loading"]')].some((el) => el.getClientRects().length > 0),
          );
          if (visible) return null;
          return held === 0 ? 'no request under /data/ yet, and no loading indicator' : 'no visible loading indicator';
        });
      } finally {
        release();
      }
      await waitForOverview(page, SYSTEM_AREA);
      await waitForLoadingToFinish(page);
      await checkMetricRows(page, { requireValues: true });
      errors.assertClean('with delayed data');
    },
  },

  ...[
    { name: 'tablet', width: 1024, height: 768, deviceScaleFactor: 2 },
    { name: 'projector', width: 1920, height: 1080, deviceScaleFactor: 1 },
  ].map((vp) => ({
    name: `metric detail ${vp.width}x${vp.height}@${vp.deviceScaleFactor}x: deep link, SPC chart, keyboard points, table, axe`,
    context: { viewport: { width: vp.width, height: vp.height }, deviceScaleFactor: vp.deviceScaleFactor },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      await page.goto(`${baseUrl}#/area/LLR/metric/ae_4hr`);
      await page.waitForSelector('[data-testid="metric-detail"][data-metric="ae_4hr"]', { timeout: LOAD_TIMEOUT });
      await checkHeading(page, 'A&E 4 hours');
      // The chart canvas is sized in device pixels and has been drawn on.
      await waitUntil('the SPC canvas should be sized and drawn', async () => {
        const c = await page.evaluate(() => {
          const el = document.querySelector('canvas[data-chart="spc"]');
          if (!el) return null;
          const ctx = el.getContext('2d');
          const img = ctx.getImageData(0, 0, el.width, el.height).data;
          let coloured = 0;
          for (let i = 0; i < img.length; i += 4) if (img[i] < 200 || img[i + 1] < 200 || img[i + 2] < 200) coloured += 1;
          return { w: el.width, cw: el.clientWidth, h: el.height, ch: el.clientHeight, dpr: devicePixelRatio, coloured };
        });
        if (!c) return 'no canvas[data-chart="spc"]';
        if (c.w !== Math.round(c.cw * c.dpr) || c.h !== Math.round(c.ch * c.dpr)) return `canvas ${c.w}x${c.h} for ${c.cw}x${c.ch} css px at dpr ${c.dpr}`;
        return c.coloured > 500 ? null : `only ${c.coloured} drawn pixels`;
      });
      // Keyboard: End selects the latest point, ArrowLeft the one before, Escape dismisses.
      await page.focus('canvas[data-chart="spc"]');
      await page.keyboard.press('End');
      await waitUntil('End should show the latest point', async () => {
        const t = await page.locator('[data-testid="chart-tip"]').allTextContents();
        return t.some((x) => x.includes('Jul 2025')) ? null : `tip: ${JSON.stringify(t)}`;
      });
      await page.keyboard.press('ArrowLeft');
      await waitUntil('ArrowLeft should show the month before', async () => {
        const t = await page.locator('[data-testid="chart-tip"]').allTextContents();
        return t.some((x) => x.includes('Jun 2025')) ? null : `tip: ${JSON.stringify(t)}`;
      });
      await page.keyboard.press('Escape');
      await waitUntil('Escape should dismiss the tip', async () =>
        (await page.locator('[data-testid="chart-tip"]').count()) === 0 ? null : 'tip still shown');
      // The data table: the real May 2018 figure, and gaps say "No data".
      const may = await page.locator('[data-testid="data-table"] tr[data-period="2018-05"]').textContent();
      if (!may.includes('88.2%')) fail(`May 2018 row: ${may}`);
      const gap = await page.locator('[data-testid="data-table"] tr[data-period="2020-01"]').textContent();
      if (!gap.includes('No data')) fail(`Jan 2020 row: ${gap}`);
      // CSV download: exactly the table's rows, with the published May 2018 figure.
      const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-download="csv"]')]);
      if (csv.suggestedFilename() !== 'llr-ae_4hr-LLR.csv') fail(`CSV file name ${csv.suggestedFilename()}`);
      const text = await readFile(await csv.path(), 'utf8');
      const lines = text.trim().split('\r\n');
      const tableRows = await page.locator('[data-testid="data-table"] tbody tr').count();
      if (lines.length !== tableRows + 1) fail(`CSV has ${lines.length - 1} rows, the table ${tableRows}`);
      if (!lines[0].startsWith('area_code,area_name,metric_id')) fail(`CSV header: ${lines[0]}`);
      const mayRow = lines.find((l) => l.includes(',2018-05,'));
      if (!mayRow || !mayRow.includes('88.2%') || !mayRow.includes('published')) fail(`CSV May 2018 row: ${mayRow}`);
      // PNG download of the chart.
      const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-download="png"]')]);
      const bytes = await readFile(await png.path());
      if (bytes.subarray(1, 4).toString() !== 'PNG') fail(`the chart download is not a PNG (${png.suggestedFilename()})`);
      errors.assertClean('on the detail page');
      await screenshot(page, `detail-${vp.name}`);
      await runAxe(page, `the A&E detail page at ${vp.width}x${vp.height}`);
    },
  })),

  {
    name: 'routing: row link, back button, area switch keeps the metric, not-found pages',
    context: { viewport: { width: 1024, height: 768 } },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      await page.goto(baseUrl);
      await waitForOverview(page, SYSTEM_AREA);
      await page.click('tr[data-metric="cancer_62d"] a.metric-name');
      await page.waitForSelector('[data-testid="metric-detail"][data-metric="cancer_62d"][data-area="LLR"]', { timeout: LOAD_TIMEOUT });
      if (!page.url().endsWith('#/area/LLR/metric/cancer_62d')) fail(`url after clicking the row: ${page.url()}`);
      // The route change moved focus to the new heading, announced it and titled the window.
      await waitUntil('focus on the new h1, announced, window titled', async () => {
        const f = await page.evaluate(() => ({
          active: document.activeElement?.tagName,
          h1: document.querySelector('main h1')?.textContent,
          live: document.getElementById('route-announcer')?.textContent,
          title: document.title,
        }));
        if (f.active !== 'H1') return `focus is on ${f.active}`;
        if (f.live !== f.h1) return `announced "${f.live}" for h1 "${f.h1}"`;
        return f.title.startsWith(f.h1) ? null : `title "${f.title}"`;
      });
      await page.selectOption('select#area-picker', CITY_AREA);
      await page.waitForSelector(`[data-testid="metric-detail"][data-metric="cancer_62d"][data-area="${CITY_AREA}"]`, { timeout: LOAD_TIMEOUT });
      await page.goBack();
      await page.waitForSelector('[data-testid="metric-detail"][data-metric="cancer_62d"][data-area="LLR"]', { timeout: LOAD_TIMEOUT });
      await page.goBack();
      await waitForOverview(page, SYSTEM_AREA);
      // Breadcrumb link from a locality overview to its place.
      await page.goto(`${baseUrl}#/area/${LOCALITY}`);
      await waitForOverview(page, LOCALITY);
      await page.click(`nav.breadcrumb a[href="#/area/${CITY_AREA}"]`);
      await waitForOverview(page, CITY_AREA);
      for (const hash of ['#/nope', '#/area/NOPE', '#/area/LLR/metric/nope']) {
        await page.goto(`${baseUrl}${hash}`);
        await page.waitForSelector('[data-testid="not-found"]', { timeout: LOAD_TIMEOUT });
        await page.click('[data-testid="not-found"] a');
        await waitForOverview(page, SYSTEM_AREA);
      }
      errors.assertClean('while navigating');
    },
  },

  {
    name: 'pages: comparison (bars, table, small multiples, period), sibling block, about, accessibility; axe on each',
    context: { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2 },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      // Comparison of RTT 18 weeks across localities: 12 rows, ranked, a drawn canvas.
      await page.goto(`${baseUrl}#/compare/rtt_18wk/locality`);
      await page.waitForSelector('[data-testid="compare"][data-metric="rtt_18wk"][data-level="locality"]', { timeout: LOAD_TIMEOUT });
      const rows = await page.locator('[data-testid="compare-table"] tbody tr').count();
      if (rows !== 12) fail(`comparison table has ${rows} rows, expected 12 localities`);
      const values = await page.$$eval('[data-testid="compare-table"] tbody tr td.num:nth-of-type(2)', (tds) =>
        tds.map((td) => parseFloat(td.textContent)).filter((v) => !Number.isNaN(v)));
      if (values.some((v, i) => i > 0 && v > values[i - 1])) fail(`not ranked best first: ${values}`);
      const multiples = await page.locator('.multiples canvas[data-chart="sparkline"]').count();
      if (multiples !== 12) fail(`${multiples} small multiples, expected 12`);
      await waitUntil('the bar chart should be drawn at device pixels', async () => {
        const c = await page.evaluate(() => {
          const el = document.querySelector('canvas[data-chart="bars"]');
          return el && { w: el.width, cw: el.clientWidth, dpr: devicePixelRatio };
        });
        if (!c) return 'no canvas[data-chart="bars"]';
        return c.w === Math.round(c.cw * c.dpr) ? null : `bars canvas ${c.w} for ${c.cw} css px`;
      });
      await runAxe(page, 'the comparison page');
      // Choosing another period goes into the URL and survives a reload.
      await page.selectOption('select#compare-period', '2018-05');
      await page.waitForSelector('[data-testid="compare"][data-period="2018-05"]', { timeout: LOAD_TIMEOUT });
      if (!page.url().endsWith('#/compare/rtt_18wk/locality/2018-05')) fail(`url: ${page.url()}`);
      await page.reload();
      await page.waitForSelector('[data-testid="compare"][data-period="2018-05"]', { timeout: LOAD_TIMEOUT });
      await screenshot(page, 'compare-tablet');
      // A locality overview has the sibling block: Leicester City and its 4 localities.
      await page.goto(`${baseUrl}#/area/${LOCALITY}`);
      await waitForOverview(page, LOCALITY);
      const cols = await page.locator('[data-testid="siblings"] thead th').count();
      if (cols !== 2 + 1 + 4) fail(`sibling table has ${cols} header cells, expected Standard, Period, Leicester City and 4 localities`);
      await runAxe(page, 'a locality overview with its sibling block');
      for (const [hash, heading] of [['#/about', 'About the data'], ['#/accessibility', 'Accessibility']]) {
        await page.goto(`${baseUrl}${hash}`);
        await checkHeading(page, heading);
        await runAxe(page, hash);
      }
      // Every page links to both.
      for (const href of ['#/about', '#/accessibility']) {
        if ((await page.locator(`footer a[href="${href}"]`).count()) !== 1) fail(`footer has no link to ${href}`);
      }
      errors.assertClean('on the comparison, sibling, about and accessibility pages');
    },
  },

  {
    name: 'period and range controls: chosen in the page, kept in the URL, restored on reload',
    context: { viewport: { width: 1024, height: 768 } },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      await page.goto(`${baseUrl}#/area/${CITY_AREA}`);
      await waitForOverview(page, CITY_AREA);
      await page.selectOption('select#period-picker', '2018-05');
      await page.waitForFunction(() => location.hash === '#/area/E06000016/period/2018-05');
      await page.reload();
      await waitForOverview(page, CITY_AREA);
      const chosen = await page.$eval('select#period-picker', (s) => s.value);
      if (chosen !== '2018-05') fail(`period picker shows ${chosen} after reload`);
      const period = await page.locator('tr[data-metric="ae_4hr"] [data-field="period"]').textContent();
      if (period.trim() !== 'May 2018') fail(`A&E row period is ${period}`);
      // The area picker keeps the chosen period.
      await page.selectOption('select#area-picker', LOCALITY);
      await page.waitForFunction((l) => location.hash === `#/area/${l}/period/2018-05`, LOCALITY);
      // Detail range: from Apr 2017, kept in the URL, table limited to it.
      await page.goto(`${baseUrl}#/area/LLR/metric/ae_4hr`);
      // The table is built once the chart above it has been painted.
      await page.waitForSelector('[data-testid="data-table"] tbody tr', { timeout: LOAD_TIMEOUT });
      const all = await page.locator('[data-testid="data-table"] tbody tr').count();
      await page.selectOption('select#range-from', '2017-04');
      await page.waitForFunction(() => location.hash === '#/area/LLR/metric/ae_4hr/range/2017-04/2025-07');
      await page.reload();
      await page.waitForSelector('[data-testid="data-table"] tbody tr', { timeout: LOAD_TIMEOUT });
      const limited = await page.locator('[data-testid="data-table"] tbody tr').count();
      if (limited !== all - 12) fail(`range from Apr 2017 shows ${limited} rows, expected ${all - 12}`);
      const first = await page.locator('[data-testid="data-table"] tbody tr').first().getAttribute('data-period');
      if (first !== '2017-04') fail(`first row after choosing a range is ${first}`);
      errors.assertClean('using the period and range controls');
    },
  },

  {
    name: 'workforce view: stacked charts drawn, tables, rates, GP bars with the locality highlighted; axe',
    context: { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2 },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      await page.goto(baseUrl);
      await waitForOverview(page, SYSTEM_AREA);
      await page.click('a[href="#/area/LLR/workforce"]');
      await page.waitForSelector('[data-testid="workforce"][data-area="LLR"]', { timeout: LOAD_TIMEOUT });
      // By organisation, then by staff group for each of the 3 organisations.
      const blocks = await page.locator('[data-testid^="stacked-"]').count();
      if (blocks !== 4) fail(`${blocks} stacked blocks, expected 4 (organisations + 3 staff-group breakdowns)`);
      if ((await page.locator('[data-testid="total-mismatch"]').count()) !== 0) fail('bundled totals should equal their parts');
      await waitUntil('stacked canvases drawn at device pixels', async () => {
        const c = await page.$$eval('canvas[data-chart="stacked"]', (els) => els.map((el) => [el.width, Math.round(el.clientWidth * devicePixelRatio)]));
        const wrong = c.filter(([w, want]) => w !== want);
        return c.length === 4 && wrong.length === 0 ? null : `canvases ${JSON.stringify(c)}`;
      });
      for (const id of ['wf_vacancy', 'wf_turnover', 'wf_sickness', 'wf_agency']) {
        if ((await page.locator(`tr[data-metric="${id}"]`).count()) !== 1) fail(`no row for ${id}`);
      }
      if ((await page.locator('canvas[data-chart="bars"]').count()) !== 1) fail('no GP bar chart');
      await runAxe(page, 'the workforce page');
      await screenshot(page, 'workforce-tablet');
      // A locality: staff are published for the system only; it says so and links there.
      await page.selectOption('select#area-picker', 'E07000130');
      await page.waitForSelector('[data-testid="workforce"][data-area="E07000130"]', { timeout: LOAD_TIMEOUT });
      const text = await page.locator('[data-testid="workforce"]').textContent();
      if (!text.includes('published for the whole system')) fail('locality workforce page should explain where staff figures are');
      errors.assertClean('on the workforce pages');
    },
  },

  {
    name: 'print: A4 landscape board pack without navigation, with a source footer on every page',
    context: { viewport: { width: 1280, height: 800 } },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      for (const hash of ['#/', '#/area/LLR/metric/ae_4hr']) {
        await page.goto(`${baseUrl}${hash}`);
        await page.waitForSelector('[data-testid="overview"], [data-testid="metric-detail"]', { timeout: LOAD_TIMEOUT });
        await waitForLoadingToFinish(page);
        // Printing lays out sections the screen skipped (content-visibility),
        // where no chart was drawn yet: the app draws every chart on
        // beforeprint, before the print layout.
        const drawn = () => page.evaluate(() => [...document.querySelectorAll('canvas')].map((c) => ({
          chart: c.dataset.chart, width: c.getAttribute('width'),
          expected: String(Math.round(c.clientWidth * devicePixelRatio)),
        })));
        const before = await drawn();
        await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
        const after = await drawn();
        const blank = after.filter((c) => c.width !== c.expected);
        if (!after.length || blank.length) fail(`${hash}: charts not drawn for printing: ${JSON.stringify(blank)}`);
        console.log(`    ${hash}: ${after.length} charts ready to print (${before.filter((c) => c.width !== c.expected).length} drawn by beforeprint)`);
        await page.emulateMedia({ media: 'print' });
        const seen = await page.evaluate(() => {
          const visible = (sel) => [...document.querySelectorAll(sel)].some((el) => el.getClientRects().length > 0);
          return {
            nav: visible('.site-nav'), picker: visible('#area-picker'), downloads: visible('.downloads'),
            footer: visible('.print-footer'), footerText: document.querySelector('.print-footer')?.textContent ?? '',
          };
        });
        if (seen.nav || seen.picker || seen.downloads) fail(`navigation chrome printed on ${hash}: ${JSON.stringify(seen)}`);
        if (!seen.footer || !seen.footerText.includes('Printed from')) fail(`no print footer on ${hash}`);
        const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
        if (pdf.subarray(0, 4).toString() !== '%PDF') fail('not a PDF');
        const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
        if (hash === '#/' && pages < 5) fail(`the overview printed on ${pages} pages; expected a page per domain (5)`);
        await mkdir(SCREENSHOT_DIR, { recursive: true });
        const file = path.join(SCREENSHOT_DIR, `print-${hash === '#/' ? 'overview' : 'detail'}.pdf`);
        const { writeFile } = await import('node:fs/promises');
        await writeFile(file, pdf);
        console.log(`    ${hash}: ${pages} A4 landscape pages, ${shown(file)}`);
        await page.emulateMedia({ media: 'screen' });
      }
      errors.assertClean('while printing');
    },
  },

  ...[
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ].map((vp) => ({
    name: `presentation ${vp.width}x${vp.height}: clicker keys, buttons, board list in the URL, large type, Escape leaves; axe`,
    context: { viewport: vp },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      await page.goto(`${baseUrl}#/area/LLR`);
      await waitForOverview(page, SYSTEM_AREA);
      await page.click('.present-link a');
      await page.waitForSelector('[data-testid="presentation"][data-slide="1"][data-metric="ae_4hr"]', { timeout: LOAD_TIMEOUT });
      const slide = async (n, metric) =>
        page.waitForSelector(`[data-testid="presentation"][data-slide="${n}"]${metric ? `[data-metric="${metric}"]` : ''}`, { timeout: LOAD_TIMEOUT });
      // Clicker keys: PageDown / space / arrows forward, PageUp back.
      await page.keyboard.press('PageDown');
      await slide(2, 'amb_c1_mean');
      await page.keyboard.press('ArrowRight');
      await slide(3);
      await page.keyboard.press('PageUp');
      await slide(2);
      await page.click('[data-action="next"]');
      await slide(3);
      await page.click('[data-action="previous"]');
      await slide(2);
      // Body text at least 24 px; the chart drawn; no site navigation.
      const look = await page.evaluate(() => ({
        body: parseFloat(getComputedStyle(document.querySelector('.presentation')).fontSize),
        nav: document.querySelectorAll('.site-nav').length,
        chart: !!document.querySelector('.presentation canvas[data-chart="spc"]'),
      }));
      if (look.body < 24) fail(`presentation body text is ${look.body}px`);
      if (look.nav !== 0 || !look.chart) fail(`presentation chrome: ${JSON.stringify(look)}`);
      await runAxe(page, `presentation at ${vp.width}x${vp.height}`);
      await screenshot(page, `present-${vp.width}x${vp.height}`);
      // Auto-advance shows its countdown and can be paused.
      await page.click('[data-action="auto"]');
      await waitUntil('auto-advance countdown', async () => {
        const t = await page.locator('[data-action="auto"]').textContent();
        return t.includes('Pause (next in') ? null : `button says ${t}`;
      });
      await page.click('[data-action="auto"]');
      // A board's own list, kept in the URL: wraps around from the last slide to the first.
      await page.goto(`${baseUrl}#/present/E06000016/2/rtt_18wk,cancer_62d`);
      await slide(2, 'cancer_62d');
      await page.keyboard.press(' ');
      await slide(1, 'rtt_18wk');
      if (!decodeURIComponent(page.url()).endsWith('#/present/E06000016/1/rtt_18wk,cancer_62d')) fail(`url ${page.url()}`);
      await page.keyboard.press('Escape');
      await waitForOverview(page, CITY_AREA);
      errors.assertClean('while presenting');
    },
  })),

  {
    name: 'dark colour scheme: overview, locality, detail, comparison, workforce and about pass axe',
    context: { viewport: { width: 1024, height: 768 }, colorScheme: 'dark' },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      await page.goto(baseUrl);
      await waitForOverview(page, SYSTEM_AREA);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      if (bg === 'rgb(240, 244, 245)') fail('the dark theme did not apply');
      await runAxe(page, 'the system overview (dark)');
      await screenshot(page, 'dark-overview');
      for (const [hash, selector] of [
        [`#/area/${LOCALITY}`, OVERVIEW],
        ['#/area/LLR/metric/ae_4hr', '[data-testid="metric-detail"]'],
        ['#/compare/ae_4hr/place', '[data-testid="compare"]'],
        ['#/area/LLR/workforce', '[data-testid="workforce"]'],
        ['#/about', 'main h1'],
      ]) {
        await page.goto(`${baseUrl}${hash}`);
        await page.waitForSelector(selector, { timeout: LOAD_TIMEOUT });
        await runAxe(page, `${hash} (dark)`);
      }
      errors.assertClean('in the dark theme');
    },
  },

  {
    name: 'keyboard only: skip link, area picker, row link, chart points, visible yellow focus',
    context: { viewport: { width: 1024, height: 768 } },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      await page.goto(baseUrl);
      await waitForOverview(page, SYSTEM_AREA);
      const active = () => page.evaluate(() => {
        const el = document.activeElement;
        return { tag: el?.tagName, text: (el?.textContent || '').trim().slice(0, 60), id: el?.id, cls: el?.className,
          href: el?.getAttribute?.('href'), bg: el ? getComputedStyle(el).backgroundColor : null,
          outline: el ? getComputedStyle(el).outlineStyle : null };
      });
      const tabTo = async (want, what, limit = 80) => {
        for (let i = 0; i < limit; i++) {
          await page.keyboard.press('Tab');
          const a = await active();
          if (want(a)) return a;
        }
        fail(`Tab never reached ${what}`);
      };
      // First Tab: the skip link, which moves focus to the main content.
      await page.keyboard.press('Tab');
      let a = await active();
      if (!a.text.includes('Skip to main content')) fail(`first Tab focused ${JSON.stringify(a)}`);
      if (a.bg !== 'rgb(255, 235, 59)') fail(`skip link focus is not NHS yellow: ${a.bg}`);
      await page.keyboard.press('Enter');
      a = await active();
      if (a.id !== 'main') fail(`skip link moved focus to ${JSON.stringify(a)}`);
      // The area picker works from the keyboard.
      a = await tabTo((x) => x.id === 'area-picker', 'the area picker');
      if (a.outline === 'none') fail('the focused area picker has no visible outline');
      await page.keyboard.press('ArrowDown');
      await waitForOverview(page, CITY_AREA);
      // The new page's heading takes focus, as on every route change.
      await waitUntil('focus on the overview heading', async () => ((await active()).tag === 'H1' ? null : 'not yet'));
      // A row link opens the detail page; focus lands on its heading.
      a = await tabTo((x) => x.href === `#/area/${CITY_AREA}/metric/ae_4hr`, 'the A&E row link');
      if (a.bg !== 'rgb(255, 235, 59)') fail(`focused link is not NHS yellow: ${a.bg}`);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`[data-testid="metric-detail"][data-area="${CITY_AREA}"]`, { timeout: LOAD_TIMEOUT });
      await waitUntil('focus on the detail heading', async () => ((await active()).tag === 'H1' ? null : 'not yet'));
      // The chart's points by keyboard.
      await tabTo((x) => x.tag === 'CANVAS', 'the SPC chart');
      await page.keyboard.press('Home');
      await waitUntil('Home shows the first point', async () =>
        (await page.locator('[data-testid="chart-tip"]').count()) === 1 ? null : 'no tip');
      await page.keyboard.press('Escape');
      await waitUntil('Escape hides it', async () =>
        (await page.locator('[data-testid="chart-tip"]').count()) === 0 ? null : 'tip still shown');
      // The CSV button is reachable and looks focused.
      a = await tabTo((x) => x.tag === 'BUTTON' && x.text.includes('CSV'), 'the CSV download button');
      if (a.bg !== 'rgb(255, 235, 59)') fail(`focused button is not NHS yellow: ${a.bg}`);
      errors.assertClean('using only the keyboard');
    },
  },

  {
    name: 'offline: service worker keeps the app and the last data, with an "offline: data saved on" notice',
    context: { viewport: { width: 1024, height: 768 }, serviceWorkers: 'allow' },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      const NOTICE = '[data-testid="offline-notice"]';
      const noticeText = () =>
        page.evaluate((sel) => {
          const el = document.querySelector(sel);
          return el && el.getClientRects().length > 0 ? el.textContent.replace(/\s+/g, ' ').trim() : null;
        }, NOTICE);
      const loaded = async (label) => {
        await waitForOverview(page, SYSTEM_AREA);
        await waitForLoadingToFinish(page);
        await checkMetricRows(page, { requireValues: true });
        const rows = await page.locator(`${OVERVIEW} [data-metric]`).count();
        if (rows !== METRIC_IDS.length) fail(`${label}: ${rows} metric rows, expected ${METRIC_IDS.length}`);
      };
      await page.goto(baseUrl);
      await loaded('first load');
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.reload();
      await loaded('reload online');
      await waitUntil('the service worker should control the page', async () =>
        (await page.evaluate(() => Boolean(navigator.serviceWorker.controller))) ? null : 'no controller',
      );
      if ((await noticeText()) != null) fail(`online, yet the notice shows: ${await noticeText()}`);

      await page.context().setOffline(true);
      await page.reload();
      await loaded('reload offline');
      await waitUntil('the offline notice should be visible with a date', async () => {
        const text = await noticeText();
        if (text == null) return `no visible ${NOTICE}`;
        return /^Offline: showing the data saved on \d{1,2} [A-Z][a-z]+ \d{4}\b/.test(text) ? null : `notice says ${JSON.stringify(text)}`;
      });
      await screenshot(page, 'offline');
      errors.assertClean('offline');

      await page.context().setOffline(false);
      await page.reload();
      await loaded('reload back online');
      await waitUntil('the offline notice should be gone', async () => {
        const text = await noticeText();
        return text == null ? null : `notice still says ${JSON.stringify(text)}`;
      });
      errors.assertClean('back online');
    },
  },

  {
    name: 'reflow at 320 px: no page scrolls sideways (data tables scroll inside their own box)',
    context: { viewport: { width: 320, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      for (const hash of ['#/', `#/area/${LOCALITY}`, '#/area/LLR/period/2018-05', '#/area/LLR/metric/ae_4hr',
        '#/compare/ae_4hr/locality', '#/area/LLR/workforce', '#/about', '#/accessibility', '#/present/LLR/1']) {
        await page.goto(`${baseUrl}${hash}`);
        await page.waitForSelector('main h1', { timeout: LOAD_TIMEOUT });
        await waitUntil(`${hash} fits 320 px`, async () => {
          const r = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
          return r.sw <= r.cw ? null : `page is ${r.sw}px wide in a ${r.cw}px window`;
        }, { timeout: 5_000 });
      }
      errors.assertClean('at 320 px');
    },
  },

  {
    name: 'injection: <script> and <img onerror> in area names, notes and annotations show as text and never run',
    context: { viewport: { width: 1024, height: 768 } },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      const SCRIPT = '<script>window.__xss = "script"</script>';
      const IMG = '<img src=x onerror="window.__xss = \'img\'">';
      const rewrite = (file, change) => page.route(new RegExp(`/data/${file}(\\?.*)?$`), async (route) => {
        const response = await route.fetch();
        const json = await response.json();
        change(json);
        return route.fulfill({ response, body: JSON.stringify(json) });
      });
      await rewrite('geography\\.json', (g) => {
        const city = g.areas.find((a) => a.code === CITY_AREA);
        city.name = `City ${SCRIPT} ${IMG}`;
      });
      await rewrite('extracts/ae\\.json', (x) => {
        x.title = `A&E ${IMG}`;
        for (const s of x.series) {
          s.note = `Note ${SCRIPT}`;
          s.annotations = [{ period: s.points[s.points.length - 1].period, text: `Annotated ${IMG} ${SCRIPT}` }];
        }
      });
      for (const hash of [`#/area/${CITY_AREA}`, `#/area/${CITY_AREA}/metric/ae_4hr`, '#/compare/ae_4hr/place', '#/about',
        `#/present/${CITY_AREA}/1`]) {
        await page.goto(`${baseUrl}${hash}`);
        await page.waitForSelector('main h1', { timeout: LOAD_TIMEOUT });
        await waitForLoadingToFinish(page);
        const found = await page.evaluate(() => ({
          xss: window.__xss ?? null,
          injected: document.querySelectorAll('main script, main img, header script, header img').length,
          text: document.body.innerText,
        }));
        if (found.xss) fail(`${hash}: injected markup ran (${found.xss})`);
        if (found.injected) fail(`${hash}: ${found.injected} injected element(s) made it into the page`);
        if (!found.text.includes('<img src=x onerror=')) fail(`${hash}: the area name's markup is not shown as text`);
      }
      const detail = await (async () => {
        // A&E is published for the whole system (UHL): its series carries the annotations.
        await page.goto(`${baseUrl}#/area/${SYSTEM_AREA}/metric/ae_4hr`);
        await page.waitForSelector('[data-testid="annotations"]', { timeout: LOAD_TIMEOUT });
        return page.evaluate(() => document.querySelector('main').innerText);
      })();
      if (!detail.includes('Annotated <img src=x onerror=')) fail('the annotation is not shown as text on the detail page');
      errors.assertClean('with markup in the data');
    },
  },

  {
    name: 'requests: every request the app makes, on every route, goes to its own origin',
    context: { viewport: { width: 1024, height: 768 }, serviceWorkers: 'allow' },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      const own = new URL(baseUrl).origin;
      const seen = new Set();
      const foreign = [];
      const record = (url) => {
        if (url.startsWith('data:') || url.startsWith('blob:')) return;
        seen.add(url);
        if (new URL(url).origin !== own) foreign.push(url);
      };
      page.context().on('request', (request) => record(request.url()));
      for (const [hash, selector] of ALL_ROUTES) {
        await openRoute(page, baseUrl, hash, selector);
      }
      // Downloads and the chart's PNG are made in the page, not fetched.
      await openRoute(page, baseUrl, '#/area/LLR/metric/ae_4hr', '[data-testid="metric-detail"]');
      const csv = page.locator('button', { hasText: 'CSV' }).first();
      const download = page.waitForEvent('download');
      await csv.click();
      await download;
      await page.reload();
      await page.waitForSelector('[data-testid="metric-detail"]', { timeout: LOAD_TIMEOUT });
      if (seen.size < 8) fail(`only ${seen.size} requests were seen: the recorder is not working`);
      if (foreign.length) fail(`requests to other origins:\n    ${foreign.join('\n    ')}`);
      console.log(`    ${seen.size} distinct requests, all to ${own}`);
      errors.assertClean('recording requests');
    },
  },

  {
    name: 'retries: a 404 and a dropped connection are each tried 3 times, then reported; everything else renders',
    context: { viewport: { width: 1024, height: 768 } },
    async run({ page, baseUrl, server }) {
      if (!server) fail('needs the built-in server (not --base-url) to break files');
      const errors = monitor(page, { allowConsoleErrors: true, expectFailing: /\/data\/extracts\/(cancer|rtt)\.json$/ });
      server.faults.set('/data/extracts/cancer.json', 404);
      server.faults.set('/data/extracts/rtt.json', 'drop');
      await page.goto(baseUrl);
      await waitForOverview(page, SYSTEM_AREA);
      await waitUntil('both files are reported', async () => {
        const panels = (await page.locator('[data-testid="error-panel"]').allTextContents()).join(' | ');
        return panels.includes('cancer.json') && panels.includes('rtt.json') ? null : `panels: ${panels.slice(0, 300)}`;
      });
      const panels = (await page.locator('[data-testid="error-panel"]').allTextContents()).join(' | ');
      if (!/HTTP 404[^|]*tried 3 times/.test(panels)) fail(`the 404 is not reported with its retries: ${panels}`);
      // The app asks 3 times; Chromium itself may re-send a GET whose connection was cut.
      const hits = (file) => server.hits.get(file) ?? 0;
      if (hits('/data/extracts/cancer.json') !== 3) fail(`cancer.json was requested ${hits('/data/extracts/cancer.json')} times, expected 3`);
      if (hits('/data/extracts/rtt.json') < 3) fail(`rtt.json was requested ${hits('/data/extracts/rtt.json')} times, expected at least 3`);
      await checkMetricRows(page, { requireValues: true, only: ['ae_4hr', 'amb_c1_mean', 'tt_access'] });
      errors.assertClean('with two files failing');
    },
  },

  {
    name: 'huge file: an extract over the size limit is refused unread, once, with its size; the rest renders',
    context: { viewport: { width: 1024, height: 768 } },
    async run({ page, baseUrl }) {
      const errors = monitor(page, { allowConsoleErrors: true });
      let asked = 0;
      // 25 MiB of spaces: valid JSON whitespace, but over the 20 MiB limit.
      const body = Buffer.alloc(25 * 1024 * 1024, 0x20);
      await page.route(/\/data\/extracts\/rtt\.json(\?.*)?$/, (route) => {
        asked += 1;
        return route.fulfill({ status: 200, contentType: 'application/json', body });
      });
      await page.goto(baseUrl);
      await waitForOverview(page, SYSTEM_AREA);
      await waitUntil('the error panel names rtt.json and the limit', async () => {
        const panels = (await page.locator('[data-testid="error-panel"]').allTextContents()).join(' | ');
        return /rtt\.json[\s\S]*26,214,400 bytes \(25\.0 MB\), more than the limit/.test(panels) ? null : `panels: ${panels.slice(0, 300)}`;
      });
      if (asked !== 1) fail(`rtt.json was asked for ${asked} times: a file too big should not be retried`);
      await checkMetricRows(page, { requireValues: true, only: ['ae_4hr', 'cancer_62d', 'tt_access'] });
      errors.assertClean('with a huge extract');
    },
  },

  {
    name: 'last good data: when the manifest fails, the saved copy stays on screen with its date',
    context: { viewport: { width: 1024, height: 768 }, serviceWorkers: 'allow' },
    async run({ page, baseUrl, server }) {
      if (!server) fail('needs the built-in server (not --base-url) to break files');
      const errors = monitor(page, { allowConsoleErrors: true, expectFailing: /\/data\/(manifest|extracts\/ae)\.json$/ });
      await page.goto(baseUrl);
      await waitForOverview(page, SYSTEM_AREA);
      await waitForLoadingToFinish(page);
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      // The service worker has saved every data file; now the server breaks.
      await waitUntil('the manifest is saved', async () =>
        (await page.evaluate(() => caches.match('data/manifest.json').then((r) => Boolean(r)))) ? null : 'not yet');
      server.faults.set('/data/manifest.json', 404);
      // A server error on an extract: the service worker answers with its copy.
      server.faults.set('/data/extracts/ae.json', 503);
      await page.reload();
      await waitForOverview(page, SYSTEM_AREA);
      await waitForLoadingToFinish(page);
      await checkMetricRows(page, { requireValues: true });
      const notice = await page.locator('[data-testid="saved-copy-notice"]').innerText();
      if (!/manifest\.json: could not fetch manifest\.json: HTTP 404.*tried 3 times.*saved on \d{1,2} [A-Z][a-z]+ \d{4}/s.test(notice)) {
        fail(`the notice does not say which file failed and when the copy was saved: ${JSON.stringify(notice)}`);
      }
      if (!/extracts\/ae\.json: the server could not give extracts\/ae\.json, so the service worker answered with its saved copy/.test(notice)) {
        fail(`the notice does not name the extract answered from the saved copy: ${JSON.stringify(notice)}`);
      }
      if ((server.hits.get('/data/manifest.json') ?? 0) < 3) fail('the manifest was not retried');
      await screenshot(page, 'saved-copy');
      await runAxe(page, 'the overview from the saved copy');
      errors.assertClean('with the manifest failing');
    },
  },

  {
    name: 'crash panel: a panic shows a recoverable error panel instead of a dead page',
    context: { viewport: { width: 1024, height: 768 } },
    async run({ page, baseUrl }) {
      const errors = monitor(page, { allowConsoleErrors: true });
      await openRoute(page, baseUrl, `#/area/${CITY_AREA}/metric/ae_4hr`, '[data-testid="metric-detail"]');
      const thrown = await page.evaluate(() => {
        try {
          window.wasmBindings.simulate_crash();
          return null;
        } catch (e) {
          return String(e);
        }
      });
      if (thrown == null) fail('simulate_crash() did not panic');
      const panel = page.locator('[data-testid="crash-panel"]');
      await panel.waitFor({ timeout: 5_000 });
      const text = await panel.textContent();
      if (!text.includes('Something went wrong') || !text.includes('simulated crash')) fail(`panel says ${JSON.stringify(text)}`);
      const focused = await page.evaluate(() => document.activeElement?.dataset?.testid);
      if (focused !== 'crash-panel') fail(`focus is on ${focused}, not the panel`);
      if ((await page.locator('[data-testid="metric-detail"]').count()) !== 1) fail('the figures on screen were removed');
      await runAxe(page, 'the crash panel');
      await screenshot(page, 'crash-panel');
      await page.locator('[data-testid="crash-reload"]').click();
      await waitForOverview(page, SYSTEM_AREA);
      if ((await page.locator('[data-testid="crash-panel"]').count()) !== 0) fail('the panel is still there after reloading');
      for (const note of errors.notes) console.log(`    (allowed) ${note}`);
      errors.assertClean('after the crash and reload');
    },
  },

  {
    name: 'security: the CSP blocks injected scripts and inline styles, and a tampered wasm or js file is refused',
    context: { viewport: { width: 1024, height: 768 } },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      await page.goto(baseUrl);
      await waitForOverview(page, SYSTEM_AREA);
      // The app itself runs without a single violation; the injections below are expected to log some.
      errors.assertClean('under the CSP, before the injections');
      const policy = await page.evaluate(() =>
        document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null);
      if (!policy) fail('there is no Content-Security-Policy meta element');
      for (const want of ["default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "style-src 'self'", "connect-src 'self'"]) {
        if (!policy.includes(want)) fail(`the policy lacks ${want}: ${policy}`);
      }
      if (policy.includes('unsafe-inline') || /\bhttps?:/.test(policy)) fail(`the policy is too loose: ${policy}`);
      const blocked = await page.evaluate(() => new Promise((resolve) => {
        const seen = [];
        document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.body.appendChild(s);
        const d = document.createElement('div');
        d.setAttribute('style', 'color: red');
        document.body.appendChild(d);
        setTimeout(() => resolve({ ran: window.__injected === true, seen, color: getComputedStyle(d).color }), 300);
      }));
      if (blocked.ran) fail('an injected inline script ran');
      if (!blocked.seen.some((v) => v.startsWith('script-src'))) fail(`no script-src violation reported: ${JSON.stringify(blocked)}`);
      if (blocked.color === 'rgb(255, 0, 0)') fail('an injected style attribute applied');

      // Subresource Integrity: one changed byte in the wasm or js stops the app.
      for (const ext of ['wasm', 'js']) {
        const tampered = await page.context().newPage();
        const notes = [];
        tampered.on('console', (m) => notes.push(m.text()));
        tampered.on('pageerror', (e) => notes.push(e.message));
        await tampered.route(new RegExp(`/llr-dashboard-[^/]*\\.${ext}$`), async (route) => {
          const response = await route.fetch();
          const body = Buffer.from(await response.body());
          body[body.length - 1] ^= 0x01;
          return route.fulfill({ response, body });
        });
        await tampered.goto(baseUrl);
        await sleep(3_000);
        if ((await tampered.locator(OVERVIEW).count()) !== 0) fail(`the app started with a tampered .${ext} file`);
        if (!notes.some((n) => /integrity/i.test(n))) fail(`no integrity error for the tampered .${ext}: ${notes.join(' | ')}`);
        await tampered.close();
      }
    },
  },

  {
    name: 'imports: extracts made by llr-data (all six importers, CSV and XLSX fixtures) show in the app',
    context: { viewport: { width: 1024, height: 768 } },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      const out = await mkdtemp(path.join(os.tmpdir(), 'llr-import-'));
      const importer = (kind, inputs, file, published) => {
        const args = ['run', '--quiet', '--bin', 'llr-data', '--', 'import', kind,
          ...inputs.flatMap((i) => ['--input', i]), '--out', path.join(out, file), '--published', published];
        const r = spawnSync('cargo', args, { cwd: REPO, encoding: 'utf8' });
        if (r.status !== 0) fail(`llr-data import ${kind} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
        return readFile(path.join(out, file), 'utf8');
      };
      const aeDir = path.join(REPO, 'tests/fixtures/import/ae');
      const aeFiles = (await readdir(aeDir)).filter((f) => f.endsWith('.csv')).map((f) => path.join(aeDir, f));
      const ae = await importer('ae', aeFiles, 'ae.json', '2025-07-10');
      const cancer = await importer('cancer', [path.join(REPO, 'tests/fixtures/import/xlsx/cwt_provider_2024-04.xlsx')],
        'cancer.json', '2024-06-13');
      // The last month in each fixture, as the importer should have computed it.
      const aeLast = JSON.parse(ae).series.find((x) => x.metric === 'ae_4hr' && x.area === SYSTEM_AREA).points.at(-1);
      if (aeLast.period !== '2025-06' || aeLast.numerator !== 14560 || aeLast.denominator !== 23938) {
        fail(`the A&E import's last point is ${JSON.stringify(aeLast)}`);
      }
      const fx = (f) => path.join(REPO, 'tests/fixtures/import', f);
      const others = {
        rtt: await importer('rtt', [fx('rtt_full_2025-03.csv'), fx('rtt_full_2025-04.csv')], 'rtt.json', '2025-05-08'),
        ambulance: await importer('ambulance', [fx('ambsys_RX9_2017-08_to_2021-01.csv')], 'ambulance.json', '2021-02-11'),
        talking_therapies: await importer('talking-therapies', [fx('tt_2023-04.csv'), fx('tt_2023-05.csv')],
          'talking_therapies.json', '2023-07-13'),
        workforce: await importer('workforce', [fx('wf_staff_in_post_2024-03_to_04.csv'), fx('wf_sickness_2024-03_to_04.csv'),
          fx('xlsx/wf_vacancies_2024-03.xlsx')], 'workforce.json', '2024-06-27'),
      };
      for (const [file, body] of [['ae', ae], ['cancer', cancer], ...Object.entries(others)]) {
        await page.route(new RegExp(`/data/extracts/${file}\\.json(\\?.*)?$`), (route) =>
          route.fulfill({ status: 200, contentType: 'application/json', body }));
      }
      await page.goto(baseUrl);
      await waitForOverview(page, SYSTEM_AREA);
      await waitForLoadingToFinish(page);
      if ((await page.locator('[data-testid="error-panel"]').count()) !== 0) {
        fail(`the imported extracts were refused: ${await page.locator('[data-testid="error-panel"]').allTextContents()}`);
      }
      const rows = Object.fromEntries((await readMetricRows(page)).map((r) => [r.id, r.text]));
      // 14,560 of 23,938 within 4 hours in June 2025; 2,090 of 2,700 told within 28 days in April 2024.
      if (!/60\.8%/.test(rows.ae_4hr ?? '')) fail(`A&E row shows ${rows.ae_4hr}, expected 60.8% from the CSV import`);
      if (!/77\.4%/.test(rows.cancer_fds ?? '')) fail(`FDS row shows ${rows.cancer_fds}, expected 77.4% from the XLSX import`);
      // Every importer: each metric it wrote for the whole system shows in the
      // overview with a value and the import's "as at" date.
      for (const [file, body] of [['cancer', cancer], ...Object.entries(others)]) {
        const extract = JSON.parse(body);
        const metrics = new Set(extract.series
          .filter((x) => x.area === SYSTEM_AREA && Object.keys(x.breakdown ?? {}).length === 0)
          .map((x) => x.metric));
        if (metrics.size === 0) fail(`the ${file} import wrote no system series`);
        for (const metric of metrics) {
          // textContent: innerText is empty for a row in a section the browser
          // skips until it is scrolled near (content-visibility: auto).
          const row = await page.locator(`${OVERVIEW} [data-metric="${metric}"]`).first().textContent();
          if (isMissingValue(rows[metric] ?? '') || !row.includes(extract.published)) {
            fail(`${metric} (from the ${file} import) shows ${JSON.stringify(rows[metric])}, as at ${JSON.stringify(row.slice(0, 200))}; expected a value as at ${extract.published}`);
          }
        }
        console.log(`    ${file}: ${[...metrics].join(', ')} shown as at ${extract.published}`);
      }
      const aeRow = await page.locator(`${OVERVIEW} [data-metric="ae_4hr"]`).first().innerText();
      if (!aeRow.includes('Jun 2025') || !aeRow.includes('2025-07-10')) fail(`A&E row lacks its period or "as at" date: ${aeRow}`);
      await openRoute(page, baseUrl, '#/area/LLR/metric/ae_4hr', '[data-testid="data-table"]');
      const periods = await page.locator('[data-testid="data-table"] tbody tr').count();
      if (periods !== 13) fail(`the detail table has ${periods} rows, expected the 13 imported months`);
      errors.assertClean('with imported extracts');
    },
  },

  {
    name: 'projector view: the header switch enlarges text and charts, is kept across reloads, and switches back',
    context: { viewport: { width: 1280, height: 720 }, colorScheme: 'dark' },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      await openRoute(page, baseUrl, '#/area/LLR/metric/ae_4hr', '[data-testid="metric-detail"]');
      const look = () => page.evaluate(() => ({
        attr: document.documentElement.dataset.theme,
        size: parseFloat(getComputedStyle(document.body).fontSize),
        bg: getComputedStyle(document.body).backgroundColor,
        pressed: document.querySelector('[data-testid="theme-toggle"]').getAttribute('aria-pressed'),
      }));
      const before = await look();
      if (before.pressed !== 'false' || before.size >= 24) fail(`starts in the projector theme: ${JSON.stringify(before)}`);
      if (before.bg === 'rgb(255, 255, 255)') fail('the dark scheme did not apply before switching');
      // Keyboard: focus the switch and press it with Space.
      await page.focus('[data-testid="theme-toggle"]');
      await page.keyboard.press('Space');
      await waitUntil('the projector theme applies', async () => {
        const l = await look();
        return l.attr === 'projector' && l.size >= 24 && l.pressed === 'true' && l.bg === 'rgb(255, 255, 255)' ? null : JSON.stringify(l);
      });
      await screenshot(page, 'projector-theme-detail-1280');
      await page.reload();
      await page.waitForSelector('[data-testid="metric-detail"]', { timeout: LOAD_TIMEOUT });
      const kept = await look();
      if (kept.attr !== 'projector' || kept.pressed !== 'true') fail(`not kept across a reload: ${JSON.stringify(kept)}`);
      await page.click('[data-testid="theme-toggle"]');
      await waitUntil('back to the standard theme', async () => {
        const l = await look();
        return l.attr === 'standard' && l.size < 24 && l.pressed === 'false' ? null : JSON.stringify(l);
      });
      errors.assertClean('switching themes');
    },
  },

  {
    name: 'touch: tapping a chart point shows its value, another point shows its own, the close button dismisses it',
    context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      const TIP = '[data-testid="chart-tip"]';
      await openRoute(page, baseUrl, '#/area/LLR/metric/ae_4hr', 'canvas[data-chart="spc"]');
      const canvas = page.locator('canvas[data-chart="spc"]');
      await canvas.scrollIntoViewIfNeeded();
      const box = await canvas.boundingBox();
      const point = { x: box.width * 0.6, y: box.height / 2 };
      await canvas.tap({ position: point });
      await waitUntil('a tap shows a value', async () => ((await page.locator(TIP).count()) === 1 ? null : 'no tip'));
      const text = await page.locator(TIP).innerText();
      if (!/\d{4}: [\d.]+%/.test(text)) fail(`the tip says ${JSON.stringify(text)}`);
      const close = await page.locator(`${TIP} button`).boundingBox();
      if (!close || close.width < 24 || close.height < 24) fail(`the close button is too small to tap: ${JSON.stringify(close)}`);
      await page.locator(`${TIP} button`).tap();
      await waitUntil('the close button dismisses it', async () => ((await page.locator(TIP).count()) === 0 ? null : 'tip still shown'));
      // Another point: a different value; then Escape-free dismissal again by the button.
      await canvas.tap({ position: { x: box.width * 0.15, y: box.height - 4 } });
      await waitUntil('tapping another point shows its value', async () => {
        if ((await page.locator(TIP).count()) !== 1) return 'no tip';
        const other = await page.locator(TIP).innerText();
        return other !== text ? null : `still ${other}`;
      });
      await page.locator(`${TIP} button`).tap();
      await waitUntil('and it is dismissed too', async () => ((await page.locator(TIP).count()) === 0 ? null : 'tip still shown'));
      const viewport = await page.evaluate(() => document.querySelector('meta[name="viewport"]').content);
      if (/user-scalable\s*=\s*no|maximum-scale\s*=\s*1(\D|$)/.test(viewport)) fail(`pinch-zoom is blocked: ${viewport}`);
      errors.assertClean('tapping the chart');
    },
  },

  {
    name: 'reduced motion: with prefers-reduced-motion nothing transitions or animates on any page',
    context: { viewport: { width: 1024, height: 768 }, reducedMotion: 'reduce' },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      for (const [hash, selector] of ALL_ROUTES) {
        await openRoute(page, baseUrl, hash, selector);
        const moving = await page.evaluate(() => {
          const found = [];
          for (const el of document.querySelectorAll('*')) {
            const cs = getComputedStyle(el);
            const durations = `${cs.transitionDuration},${cs.animationDuration}`.split(',').map((d) => parseFloat(d) || 0);
            if (durations.some((d) => d > 0) || cs.scrollBehavior === 'smooth') found.push(el.tagName + '.' + el.className);
          }
          return { found: found.slice(0, 5), animations: document.getAnimations().length };
        });
        if (moving.found.length || moving.animations) fail(`${hash}: moves under reduced motion: ${JSON.stringify(moving)}`);
      }
      // Control: without the preference, in-page scrolling glides and a chart value fades in.
      await page.emulateMedia({ reducedMotion: 'no-preference' });
      await openRoute(page, baseUrl, '#/area/LLR/metric/ae_4hr', 'canvas[data-chart="spc"]');
      await page.focus('canvas[data-chart="spc"]');
      await page.keyboard.press('End');
      await page.waitForSelector('[data-testid="chart-tip"]', { timeout: 5_000 });
      const normal = await page.evaluate(() => ({
        scroll: getComputedStyle(document.documentElement).scrollBehavior,
        tip: getComputedStyle(document.querySelector('[data-testid="chart-tip"]')).animationName,
      }));
      if (normal.scroll !== 'smooth' || normal.tip === 'none') fail(`without reduced motion: ${JSON.stringify(normal)}`);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const reduced = await page.evaluate(() => ({
        scroll: getComputedStyle(document.documentElement).scrollBehavior,
        tip: getComputedStyle(document.querySelector('[data-testid="chart-tip"]')).animationName,
      }));
      if (reduced.scroll !== 'auto' || reduced.tip !== 'none') fail(`with reduced motion: ${JSON.stringify(reduced)}`);
      errors.assertClean('with reduced motion');
    },
  },
];

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
      currentMonitor = null;
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
        const recorded = (currentMonitor?.problems ?? []).filter((p) => !message.includes(p));
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
