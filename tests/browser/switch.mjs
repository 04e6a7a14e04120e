// Drives Debian's Chromium: English code page -> switch to Tiếng Việt ->
// follow a comparison link -> Vietnamese headings; then a fresh visit to /
// lands in Vietnamese because the choice was saved.
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
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/en/smtp/252`);
  expect(await page.locator('html').getAttribute('lang') === 'en', 'English page first');
  await page.click('nav.langs a[hreflang="vi"]');
  await page.waitForURL(/\/vi\/smtp\/252$/);
  expect(await page.locator('html').getAttribute('lang') === 'vi', 'switcher leads to /vi/smtp/252');
  const h2 = await page.locator('h2').allTextContents();
  expect(h2.includes('Mô tả') && h2.includes('Cách khắc phục'), 'Vietnamese code headings');
  await page.click('#compare ul.codes a >> nth=0');
  await page.waitForURL(/\/vi\/smtp\/[0-9.]+-vs-[0-9.]+$/);
  const h2c = await page.locator('h2').allTextContents();
  expect(h2c.includes('Sự khác biệt chính') && h2c.includes('Khi nào dùng cái nào'),
         `Vietnamese comparison headings at ${page.url()}`);
  const fresh = await context.newPage();
  await fresh.goto(`${base}/`);
  expect(new URL(fresh.url()).pathname === '/vi/', `fresh visit to / lands on /vi/ (${fresh.url()})`);
} finally {
  await browser.close();
}
