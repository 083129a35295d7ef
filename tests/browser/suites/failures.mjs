// Bad input and failures (SPEC section 7): a corrupt extract, loading, offline, retries,
// a huge file, a failed manifest, and the crash panel.

import {
  CITY_AREA,
  METRIC_IDS,
  OVERVIEW,
  SYSTEM_AREA,
  checkMetricRows,
  fail,
  monitor,
  openRoute,
  runAxe,
  screenshot,
  shown,
  waitForLoadingToFinish,
  waitForOverview,
  waitUntil,
} from '../helpers.mjs';

export const TESTS = [

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
      await checkMetricRows(page, { requireValues: true });
      errors.assertClean('with delayed data');
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
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      // The service worker has saved every data file; now the server breaks.
      await waitUntil('the manifest is saved', async () =>
        (await page.evaluate(() => caches.match('data/manifest.json').then((r) => Boolean(r)))) ? null : 'not yet');
      server.faults.set('/data/manifest.json', 404);
      // A server error on an extract: the service worker answers with its copy.
      server.faults.set('/data/extracts/ae.json', 503);
      await page.reload();
      await waitForOverview(page, SYSTEM_AREA);
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
];
