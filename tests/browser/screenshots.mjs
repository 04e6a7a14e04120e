// The README's screenshots, taken by the browser test so that they show
// the site as it is: the home page, a code page and a comparison page, on
// a desktop (1280 px) and a phone (360 px), light and dark. Each is the
// first screen only (no full-page captures: they would be tall and heavy),
// as WebP of quality 0.7, which Chromium encodes (a canvas's toDataURL):
// 45 % of the PNG's bytes, where JPEG of the same quality saves 30 %.
// Writes OUT/PAGE-DEVICE-SCHEME.webp and fails when a page does not load,
// a page is wider than the phone's screen, or a picture does not decode
// to the size of the screen.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require(path.resolve(process.env.PLAYWRIGHT_CORE_DIR));
const base = process.env.BASE;
const out = process.env.OUT;

function expect(cond, what) {
  if (!cond) { console.log(`FAIL - ${what}`); process.exitCode = 1; }
  else console.log(`ok - ${what}`);
}

// The README lists the same names; tests/browser.sh checks that it does.
const pages = [['home', '/en/'], ['code', '/en/smtp/550'], ['compare', '/en/smtp/450-vs-550']];
const devices = [['desktop', 1280, 800], ['phone', 360, 740]];
const schemes = ['light', 'dark'];

fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
         '--disable-background-networking', '--disable-component-update',
         '--disable-sync', '--disable-quic', '--hide-scrollbars',
         '--font-render-hinting=none'],
});
// toWebp(png): [webp bytes, width, height], encoded and decoded again on
// a blank page of the same browser.
const enc = await browser.newPage();
async function toWebp(png) {
  const [url, w, h] = await enc.evaluate(async (b64) => {
    const load = async (src) => { const i = new Image(); i.src = src; await i.decode(); return i; };
    const img = await load(`data:image/png;base64,${b64}`);
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    c.getContext('2d').drawImage(img, 0, 0);
    const url = c.toDataURL('image/webp', 0.7);
    const back = await load(url);
    return [url.startsWith('data:image/webp;') ? url : '', back.naturalWidth, back.naturalHeight];
  }, png.toString('base64'));
  return [Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'), w, h];
}
try {
  for (const [device, width, height] of devices) for (const scheme of schemes) {
    const ctx = await browser.newContext({
      viewport: { width, height }, deviceScaleFactor: 1, colorScheme: scheme,
      isMobile: device === 'phone', hasTouch: device === 'phone',
    });
    const pg = await ctx.newPage();
    for (const [name, url] of pages) {
      const res = await pg.goto(`${base}${url}`);
      const wide = await pg.evaluate(() => document.documentElement.scrollWidth);
      const file = path.join(out, `${name}-${device}-${scheme}.webp`);
      const [webp, w, h] = await toWebp(await pg.screenshot({ animations: 'disabled', caret: 'hide' }));
      fs.writeFileSync(file, webp);
      expect(res.status() === 200 && wide <= width && webp.length > 0 && w === width && h === height,
             `${path.basename(file)}: ${url} ${res.status()}, ${wide} px wide, picture ${w}x${h}, ${Math.round(webp.length / 1024)} KiB`);
    }
    await ctx.close();
  }
} finally {
  await browser.close();
}
