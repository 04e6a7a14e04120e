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
  // The language menu is a <details>: closed, its links are hidden.
  expect(!(await page.locator('nav.langs a[hreflang="vi"]').isVisible()), 'language menu starts closed');
  await page.click('nav.langs summary');
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

  // A 320 px phone: the open menu lists every language inside the screen.
  const phone = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const p3 = await phone.newPage();
  await p3.goto(`${base}/en/smtp/550`);
  await p3.click('nav.langs summary');
  const boxes = await p3.locator('nav.langs li').evaluateAll((els) =>
    els.map((e) => { const r = e.getBoundingClientRect(); return [r.left, r.right, r.width]; }));
  expect(boxes.length >= 6 && boxes.every(([l, r, w]) => l >= 0 && r <= 320 && w > 0),
         `all ${boxes.length} languages inside a 320 px screen (${JSON.stringify(boxes.map((b) => b.map(Math.round)))})`);

  // The search box shows its whole placeholder in every language, on a
  // desktop and on a phone.
  const tags = await (await context.request.get(`${base}/en/languages`)).text();
  const langs = [...tags.matchAll(/href="\/switch\/([a-z-]+)\/"/g)].map((m) => m[1]);
  for (const width of [1280, 360]) {
    const ctx = await browser.newContext({ viewport: { width, height: 700 } });
    const pg = await ctx.newPage();
    const cut = [];
    for (const l of langs) {
      await pg.goto(`${base}/${l}/smtp/550`);
      const r = await pg.evaluate(() => {
        const i = document.querySelector('#q');
        const cs = getComputedStyle(i);
        const c = document.createElement('canvas').getContext('2d');
        c.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const room = i.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
        return { text: i.placeholder, need: c.measureText(i.placeholder).width, room };
      });
      if (r.need > r.room + 1) cut.push(`${l}: ${Math.round(r.need)} > ${Math.round(r.room)} px '${r.text}'`);
    }
    expect(langs.length >= 6 && cut.length === 0,
           `search placeholder whole in ${langs.length} languages at ${width} px${cut.length ? ': ' + cut.join('; ') : ''}`);
    await ctx.close();
  }

  // Arabic, when its catalogue is installed: mirrored layout, codes left to right.
  const probe = await context.request.get(`${base}/ar/smtp/5.7.1`);
  if (probe.status() === 200) {
    for (const [name, width] of [['desktop', 1280], ['phone', 360]]) {
      const ctx = await browser.newContext({ viewport: { width, height: 800 } });
      const pa = await ctx.newPage();
      await pa.goto(`${base}/ar/smtp/5.7.1`);
      const r = await pa.evaluate(() => {
        const box = (sel) => { const e = document.querySelector(sel); return e && e.getBoundingClientRect(); };
        const brand = box('.brand'), langs = box('nav.langs');
        const h1 = document.querySelector('h1');
        const code = document.querySelector('main code') || document.querySelector('main .num');
        return {
          dir: getComputedStyle(document.documentElement).direction,
          brandRight: brand.right, brandLeft: brand.left, langsLeft: langs.left, vw: innerWidth,
          h1Align: h1 && getComputedStyle(h1).direction,
          codeDir: code && getComputedStyle(code).direction, codeText: code && code.textContent,
          num: (document.querySelector('h1 .num') || {}).textContent,
        };
      });
      expect(r.dir === 'rtl' && r.h1Align === 'rtl', `ar ${name}: page is right to left`);
      expect(r.brandRight > r.vw / 2 && r.langsLeft < r.brandLeft,
             `ar ${name}: mirrored header, site name on the right (${Math.round(r.brandLeft)}-${Math.round(r.brandRight)} of ${r.vw})`);
      expect(r.codeDir === 'ltr', `ar ${name}: code reads left to right ('${r.codeText}')`);
      await ctx.close();
    }
  } else console.log('# no Arabic catalogue: RTL checks skipped');
} finally {
  await browser.close();
}
