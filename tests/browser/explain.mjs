// Drives Debian's Chromium on a phone: paste a bounce into the explain
// form, send it, read the explanation, follow its link to the code page.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require(path.resolve(process.env.PLAYWRIGHT_CORE_DIR));
const base = process.env.BASE;

function expect(cond, what) {
  if (!cond) { console.log(`FAIL - ${what}`); process.exitCode = 1; }
  else console.log(`ok - ${what}`);
}

const bounce = readFileSync(process.env.BOUNCE, 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
         '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--disable-quic'],
});
try {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 },
                                           isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await page.goto(`${base}/en/smtp/550`);
  await page.click('a.explain-link');
  await page.waitForURL(/\/en\/explain$/);
  const box = await page.locator('#paste').boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 360,
         `the paste box fits a 360 px screen (${JSON.stringify(box)})`);
  await page.fill('#paste', bounce);
  await Promise.all([page.waitForNavigation(), page.click('form.explain button')]);
  const headings = await page.locator('.finding h3').allTextContents();
  expect(headings.length >= 1, `the explanation lists findings (${headings.join(' | ')})`);
  expect(headings.some((h) => h.includes('@')), 'a finding names its recipient');
  expect((await page.locator('#paste').inputValue()).includes('Diagnostic-Code'),
         'the pasted text stays in the box');
  const link = page.locator('.finding ul.codes a').first();
  const href = await link.getAttribute('href');
  await link.click();
  await page.waitForURL((u) => u.pathname === href);
  const h1 = await page.locator('h1').textContent();
  expect(/^\/en\/smtp\/[0-9.]+$/.test(href) && h1.length > 0,
         `the link leads to the code page ${href} ("${h1.trim()}")`);
} finally {
  await browser.close();
}
