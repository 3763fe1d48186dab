// Loads the server-rendered pages in headless Debian Chromium (playwright-core), on a desktop and a
// phone viewport; checks content, that nothing overflows the phone screen, that the SVG plot is
// drawn, and writes screenshots when SCREENSHOT_DIR is set.
// Usage: node web_test.js URL SUBMISSION_ID TOKEN
const { chromium } = require('playwright-core');

const [url, sid, token] = process.argv.slice(2);
const shots = process.env.SCREENSHOT_DIR || '';
const fail = (msg) => { console.error('FAIL: ' + msg); process.exit(1); };

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
           '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
      const ctx = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      const page = await ctx.newPage();
      // Never let the page reach anything but the server under test.
      await page.route('**/*', (route) => (route.request().url().startsWith(url) ? route.continue() : route.abort()));
      await page.goto(url + '/lb/vectoradd');
      const rows = await page.locator('table tr').count();
      if (rows < 3) fail(`${label}: leaderboard has ${rows} rows`);
      const text = await page.textContent('main');
      if (!text.includes('bob')) fail(`${label}: leaderboard lacks bob`);
      if (shots) await page.screenshot({ path: `${shots}/service-leaderboard-${label}.png`, fullPage: true });

      // Log in through the form, then open the submission view.
      await page.goto(url + '/login');
      await page.fill('input[name=token]', token);
      await Promise.all([page.waitForNavigation(), page.click('button')]);
      await page.goto(`${url}/s/${sid}`);
      const svgs = await page.locator('svg.plot').count();
      if (svgs < 2) fail(`${label}: expected a plot per benchmark shape, got ${svgs}`);
      const points = await page.locator('svg.plot circle').count();
      if (points < 60) fail(`${label}: plots have ${points} points`);
      const body = await page.textContent('main');
      for (const needle of ['Static audit', 'public run', 'secret run', 'median'])
        if (!body.includes(needle)) fail(`${label}: submission page lacks '${needle}'`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) fail(`${label}: page is ${overflow}px wider than the screen`);
      const box = await page.locator('svg.plot').first().boundingBox();
      if (!box || box.width > viewport.width) fail(`${label}: plot does not fit (${box && box.width})`);
      if (shots) await page.screenshot({ path: `${shots}/service-submission-${label}.png`, fullPage: true });
      console.log(`${label}: ok (${svgs} plots, ${points} points)`);
      await ctx.close();
    }
  } finally {
    await browser.close();
  }
})().catch((e) => fail(e.stack || String(e)));
