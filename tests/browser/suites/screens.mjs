// Every route at every screen size and in every theme: overview at tablet
// and phone sizes, axe in the default, projector and dark themes, the four
// screen sizes with a screenshot of each, the dark scheme, reflow at 320 px.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  ALL_ROUTES,
  CITY_AREA,
  CITY_NAME,
  LOAD_TIMEOUT,
  LOCALITY,
  METRIC_IDS,
  OVERVIEW,
  SCREENSHOT_DIR,
  SYSTEM_AREA,
  assertSingleOverview,
  checkHeading,
  checkMetricRows,
  checkNoSidewaysScroll,
  checkSparklines,
  fail,
  monitor,
  openRoute,
  pickOption,
  runAxe,
  screenshot,
  shown,
  slugHash,
  waitForOverview,
  waitUntil,
} from '../helpers.mjs';

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
      await checkMetricRows(page, { requireValues: false });
      await checkSparklines(page, { requireSome: false, expectDpr: vp.deviceScaleFactor, label: `area ${CITY_AREA}` });
      errors.assertClean(`after choosing area ${CITY_AREA}`);

      // Locality within the city.
      await pickOption(page, LOCALITY);
      await waitForOverview(page, LOCALITY);
      await checkMetricRows(page, { requireValues: false });
      await checkSparklines(page, { requireSome: false, expectDpr: vp.deviceScaleFactor, label: `locality ${LOCALITY}` });
      errors.assertClean(`after choosing locality ${LOCALITY}`);
    },
  };
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

export const TESTS = [
  ...VIEWPORTS.map(viewportTest),
  ...THEMES.map(themeAxeTest),
  ...SCREEN_SIZES.map(screenSizeTest),

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
];
