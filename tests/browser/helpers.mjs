// Helpers shared by the browser tests (tests/browser/suites/*.mjs): the
// app's constants, waiting, the error monitor, axe, screenshots and routes.
// See run.mjs for the DOM contract the tests rely on.

import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '..', '..');
export const AXE_PATH = path.join(REPO, 'node_modules', 'axe-core', 'axe.min.js');

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

export const SYSTEM_AREA = 'LLR';
export const CITY_AREA = 'E06000016';
export const CITY_NAME = 'Leicester City';
export const LOCALITY = 'LC-WEST';
export const OVERVIEW = '[data-testid="overview"]';
export const LOAD_TIMEOUT = 30_000;

export const IMPACT_ORDER = ['minor', 'moderate', 'serious', 'critical'];

export const SCREENSHOT_DIR = path.resolve(REPO, process.env.SCREENSHOT_DIR || 'target/screenshots');

export class TestFailure extends Error {}

export function fail(message) {
  throw new TestFailure(message);
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Poll `check` (async, returns null when satisfied or a string saying what is
 * still wrong) until it passes or `timeout` ms pass; then fail with the last
 * message.
 */
export async function waitUntil(description, check, { timeout = LOAD_TIMEOUT, interval = 100 } = {}) {
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

/** Forget the last test's monitor (the runner calls it before each test). */
export function resetMonitor() {
  currentMonitor = null;
}

/** What the running test's monitor recorded, if it has one. */
export function recordedProblems() {
  return currentMonitor?.problems ?? [];
}

export function monitor(page, { allowConsoleErrors = false, expectFailing = null } = {}) {
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

export async function assertSingleOverview(page) {
  const n = await page.locator(OVERVIEW).count();
  if (n !== 1) fail(`expected exactly one ${OVERVIEW}, found ${n}`);
}

/**
 * Waits for the overview of `area` (any area if not given) and for all of it:
 * its domains below the first screen are built after that screen is painted.
 */
export async function waitForOverview(page, area) {
  const selector = area ? `${OVERVIEW}[data-area="${area}"]` : OVERVIEW;
  await waitUntil(`waiting for ${selector}`, async () => {
    if ((await page.locator(selector).count()) > 0) return null;
    const current = await page.evaluate((sel) => document.querySelector(sel)?.getAttribute('data-area'), OVERVIEW);
    return current === undefined ? `no ${OVERVIEW} on the page` : `the overview has data-area="${current}"`;
  });
  await waitForLoadingToFinish(page);
}

export async function waitForLoadingToFinish(page) {
  await waitUntil('waiting for [data-testid="loading"] to disappear', async () => {
    const visible = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="loading"]')].some((el) => el.getClientRects().length > 0),
    );
    return visible ? 'a loading indicator is still visible' : null;
  });
}

/** Per metric: does the overview have a row, and what does its value say. */
export function readMetricRows(page) {
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

export function isMissingValue(text) {
  return text === '' || /^no data$/i.test(text);
}

export async function checkMetricRows(page, { requireValues, only = METRIC_IDS }) {
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

export async function checkHeading(page, expected) {
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
export async function checkSparklines(page, { requireSome, expectDpr, label, scroll = false }) {
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
let axeMinImpact = 'minor';

/** The lowest axe impact that fails a test (one of IMPACT_ORDER). */
export function setAxeMinImpact(impact) {
  if (!IMPACT_ORDER.includes(impact)) throw new Error(`axe impact must be one of ${IMPACT_ORDER.join(', ')}`);
  axeMinImpact = impact;
}

export async function runAxe(page, label) {
  // Evaluated through the DevTools protocol: the page's CSP (rightly) refuses
  // an injected <script>.
  axeSource ??= await readFile(AXE_PATH, 'utf8');
  await page.evaluate(axeSource);
  const results = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { resultTypes: ['violations'] }),
  );
  const min = IMPACT_ORDER.indexOf(axeMinImpact);
  const counted = results.violations.filter((v) => IMPACT_ORDER.indexOf(v.impact ?? 'minor') >= min);
  const ignored = results.violations.length - counted.length;
  if (ignored) console.log(`    note: ${ignored} axe violation(s) below impact "${axeMinImpact}" ignored`);
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
export function shown(file) {
  const rel = path.relative(REPO, file);
  return rel.startsWith('..') ? file : rel;
}

export async function screenshot(page, name) {
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
export async function fullPageScreenshot(page, file, options = {}) {
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
export async function pickOption(page, value) {
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

// Every route of the app, with what shows it is drawn (for axe and screenshots).
export const ALL_ROUTES = [
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
export async function openRoute(page, baseUrl, hash, selector) {
  await page.goto(`${baseUrl}${hash}`);
  await page.waitForSelector(selector, { timeout: LOAD_TIMEOUT });
  await waitForLoadingToFinish(page);
}

/** Fails when the page scrolls sideways at the current viewport. */
export async function checkNoSidewaysScroll(page, label) {
  await waitUntil(`${label} fits the window`, async () => {
    const r = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
    return r.sw <= r.cw ? null : `page is ${r.sw}px wide in a ${r.cw}px window`;
  }, { timeout: 5_000 });
}

export function slugHash(hash) {
  return hash.replace(/^#\/?/, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'home';
}
