// A public static page: data text never run as markup, every request to the
// page's own origin, the CSP and Subresource Integrity.

import {
  ALL_ROUTES,
  CITY_AREA,
  LOAD_TIMEOUT,
  OVERVIEW,
  SYSTEM_AREA,
  fail,
  monitor,
  openRoute,
  shown,
  sleep,
  waitForLoadingToFinish,
  waitForOverview,
} from '../helpers.mjs';

export const TESTS = [

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
];
