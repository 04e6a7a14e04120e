// A provider's page on a 360 px phone and on a desktop: the replies table
// scrolls inside its own box (the page itself never scrolls sideways), a
// reply's anchor from search lands on its row, and the code link works.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require(path.resolve(process.env.PLAYWRIGHT_CORE_DIR));
const base = process.env.BASE;

function expect(cond, what) {
  if (!cond) { console.log(`FAIL - ${what}`); process.exitCode = 1; }
  else console.log(`ok - ${what}`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
         '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--disable-quic'],
});
try {
  for (const [name, viewport, mobile] of [['phone', { width: 360, height: 740 }, true],
                                          ['desktop', { width: 1280, height: 900 }, false]]) {
    const ctx = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile });
    const page = await ctx.newPage();
    await page.goto(`${base}/en/providers/microsoft`);
    const widths = await page.evaluate(() => ({
      doc: document.documentElement.scrollWidth,
      view: document.documentElement.clientWidth,
      box: document.querySelector('.scroll').clientWidth,
      table: document.querySelector('table.replies').scrollWidth,
    }));
    expect(widths.doc <= widths.view,
           `${name}: the page does not scroll sideways (${JSON.stringify(widths)})`);
    if (mobile)
      expect(widths.table > widths.box, `${name}: the table scrolls inside its box`);
    const rows = await page.locator('table.replies tbody tr').count();
    expect(rows >= 10, `${name}: the table lists the replies (${rows})`);
    await ctx.close();
  }
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
  const page = await ctx.newPage();
  await page.goto(`${base}/en/search?q=TSS04`);
  const hit = page.locator('ul.replies a').first();
  const href = await hit.getAttribute('href');
  await hit.click();
  await page.waitForURL((u) => u.pathname + u.hash === href);
  const row = await page.locator(new URL(href, base).hash).textContent();
  expect(row.includes('TSS04'), `search for TSS04 lands on the row that carries it (${href})`);
  const code = page.locator(`${new URL(href, base).hash} a.num`).first();
  const codeHref = await code.getAttribute('href');
  await code.click();
  await page.waitForURL((u) => u.pathname === codeHref);
  expect(await page.locator('#providers').count() === 1,
         `the code page ${codeHref} lists what providers send`);
} finally {
  await browser.close();
}
