// The views and modes: detail, routing, pages, controls, workforce, print,
// presentation, keyboard, projector, touch, reduced motion, and imported
// extracts shown in the app.

import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ALL_ROUTES,
  CITY_AREA,
  LOAD_TIMEOUT,
  LOCALITY,
  METRIC_IDS,
  OVERVIEW,
  REPO,
  SCREENSHOT_DIR,
  SYSTEM_AREA,
  checkHeading,
  checkMetricRows,
  checkSparklines,
  fail,
  isMissingValue,
  monitor,
  openRoute,
  readMetricRows,
  runAxe,
  screenshot,
  shown,
  waitForLoadingToFinish,
  waitForOverview,
  waitUntil,
} from '../helpers.mjs';

export const TESTS = [

  {
    name: 'projector 1920x1080: overview renders cleanly, screenshot, its CSV has every measure',
    context: { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, acceptDownloads: true },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      await page.goto(baseUrl);
      await waitForOverview(page, SYSTEM_AREA);
      await checkMetricRows(page, { requireValues: true });
      await checkSparklines(page, { requireSome: true, expectDpr: 1, label: 'system view' });
      errors.assertClean('on the system view');
      await screenshot(page, 'projector');
      // The overview's CSV: a row per measure, every domain, as on screen.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('button:has-text("Download this overview (CSV)")'),
      ]);
      if (download.suggestedFilename() !== 'llr-overview-LLR.csv') fail(`overview CSV file name ${download.suggestedFilename()}`);
      const lines = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
      const ids = METRIC_IDS.filter((id) => lines.some((l) => l.includes(`,${id},`)));
      if (lines.length !== METRIC_IDS.length + 1 || ids.length !== METRIC_IDS.length) {
        fail(`overview CSV has ${lines.length - 1} rows (${ids.length} of ${METRIC_IDS.length} measures):\n${lines.slice(0, 3).join('\n')}`);
      }
      const onScreen = (await page.locator('tr[data-metric="ae_4hr"] [data-field="value"]').textContent()).trim();
      const ae = lines.find((l) => l.includes(',ae_4hr,'));
      if (!ae.includes(onScreen)) fail(`the A&E CSV row ${ae} does not carry the value on screen, ${onScreen}`);
    },
  },

  {
    name: 'resize: sparklines re-size their backing store when the viewport changes',
    context: { viewport: { width: 1024, height: 768 }, deviceScaleFactor: 2 },
    async run({ page, baseUrl }) {
      const errors = monitor(page);
      await page.goto(baseUrl);
      await waitForOverview(page, SYSTEM_AREA);
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
      // Back to the overview: its heading keeps the focus once the domains
      // below the first screen have been added.
      await page.goBack();
      await waitForOverview(page, CITY_AREA);
      a = await active();
      if (a.tag !== 'H1') fail(`after going back, focus is on ${JSON.stringify(a)}, not the overview heading`);
      errors.assertClean('using only the keyboard');
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
