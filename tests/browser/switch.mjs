// Drives Debian's Chromium: English code page -> switch to Tiếng Việt ->
// follow a comparison link -> Vietnamese headings; then a fresh visit to /
// lands in Vietnamese because the choice was saved. Then the reading
// layout on a phone and a desktop: codes in number order, class pages,
// section links, line length, dark mode and print.
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
    for (const l of langs) for (const where of ['/smtp/550', '/']) {
      await pg.goto(`${base}/${l}${where}`);
      const r = await pg.evaluate(() => {
        const i = document.querySelector('#q');
        const cs = getComputedStyle(i);
        const c = document.createElement('canvas').getContext('2d');
        c.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
        const room = i.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
        return { text: i.placeholder, need: c.measureText(i.placeholder).width, room };
      });
      if (r.need > r.room + 1) cut.push(`${l}${where}: ${Math.round(r.need)} > ${Math.round(r.room)} px '${r.text}'`);
    }
    expect(langs.length >= 6 && cut.length === 0,
           `search placeholder whole on code and home pages in ${langs.length} languages at ${width} px${cut.length ? ': ' + cut.join('; ') : ''}`);
    await ctx.close();
  }

  // Home cards are skipped until scrolled near (content-visibility); the
  // placeholder of each must hold the card's rendering in every language,
  // or skipped links spill over the next card.
  for (const width of [320, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 700 } });
    const pg = await ctx.newPage();
    const over = [];
    let cards = 0;
    for (const l of langs) {
      await pg.goto(`${base}/${l}/`);
      const r = await pg.evaluate(() => [...document.querySelectorAll('.group, #confused')].map((e) => {
        const cs = getComputedStyle(e);
        // Laid out whole wherever it is, and not stretched to its row.
        e.style.contentVisibility = 'visible';
        e.style.alignSelf = 'start';
        const room = parseFloat(cs.containIntrinsicHeight.replace('auto', '')) || 0;
        const used = e.getBoundingClientRect().height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)
          - parseFloat(cs.borderTopWidth) - parseFloat(cs.borderBottomWidth);
        return [e.id, Math.ceil(used), Math.round(room)];
      }));
      cards += r.length;
      for (const [id, used, room] of r) if (used > room) over.push(`${l} #${id} ${used} > ${room} px`);
    }
    expect(cards >= 13 * langs.length && over.length === 0,
           `home at ${width} px: ${cards} cards each within its placeholder${over.length ? ': ' + over.join('; ') : ''}`);
    await ctx.close();
  }

  // Number order, class pages and section links, on a phone and a desktop.
  const num = (c) => c.split('.').map(Number);
  const before = (a, b) => {
    const x = num(a), y = num(b);
    if (x.length !== y.length) return x.length < y.length;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i];
    return false;
  };
  const sorted = (list) => list.every((c, i) => i === 0 || before(list[i - 1], c));
  for (const [name, width] of [['phone', 360], ['desktop', 1280]]) {
    const ctx = await browser.newContext({ viewport: { width, height: 800 } });
    const pg = await ctx.newPage();
    const errors = [];
    pg.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await pg.goto(`${base}/en/`);
    // The search box comes before any list of codes.
    const order = await pg.evaluate(() => {
      const q = document.querySelector('main #q'), list = document.querySelector('main ul');
      return q && list && (q.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
    expect(order, `home ${name}: the search box comes first`);
    const groups = await pg.locator('#basic .group').evaluateAll((els) =>
      els.map((g) => [...g.querySelectorAll('li .num')].map((n) => n.textContent)));
    expect(groups.length === 4 && groups.every((g) => g.length > 0 && sorted(g)),
           `home ${name}: basic codes in number order in 4 classes (${groups.map((g) => g.length).join(', ')})`);
    const x7 = await pg.locator('#x\\.7 li > .num').allTextContents();
    expect(x7.length >= 20 && sorted(x7.map((c) => c.replace('X', '0'))),
           `home ${name}: X.7 entries in number order (${x7.slice(0, 12).join(' ')} ...)`);
    const home5 = await pg.locator('#basic .group.c5 li .num').allTextContents();
    const visible = await pg.locator('#basic .group.c5').isVisible();
    expect(visible, `home ${name}: the 5xx group is shown`);
    // The class page lists every code of its class that the home page lists.
    await pg.click('#basic .group.c5 h3 a');
    await pg.waitForURL(/\/en\/smtp\/5xx$/);
    const cls5 = await pg.locator('#codes dl').first().locator('dt .num').allTextContents();
    const all5 = await pg.locator('#codes dt .num').allTextContents();
    expect(home5.length > 10 && home5.join() === cls5.join() && all5.every((c) => /^5[0-9][0-9]$/.test(c)) && sorted(cls5),
           `5xx page ${name}: the ${home5.length} standard 5yz codes of the home page, in order, and only 5yz codes (${all5.length} with the non-standard ones)`);
    // A section's "#" link opens that section.
    await pg.goto(`${base}/en/smtp/550`);
    await pg.click('#how-to-fix .self');
    const at = await pg.evaluate(() => ({
      hash: location.hash,
      top: Math.round(document.querySelector('#how-to-fix').getBoundingClientRect().top),
      name: document.querySelector('#how-to-fix .self').getAttribute('aria-label'),
    }));
    expect(at.hash === '#how-to-fix' && at.top >= 0 && at.top < 40 && /How to fix/.test(at.name),
           `code page ${name}: the section link opens #how-to-fix at the top (${at.hash}, ${at.top} px, '${at.name}')`);
    await pg.click('.toc a[href="#learn-more"]');
    expect(await pg.evaluate(() => location.hash) === '#learn-more', `code page ${name}: the table of contents leads to a section`);
    // Running text stays near 75 characters a line.
    const cpl = await pg.evaluate(() => {
      const p = document.querySelector('#description p');
      const box = p.getBoundingClientRect();
      const lines = Math.round(box.height / parseFloat(getComputedStyle(p).lineHeight));
      return { perLine: Math.round(p.textContent.length / lines), width: Math.round(box.width), lines };
    });
    expect(cpl.perLine <= 80, `code page ${name}: about ${cpl.perLine} characters a line (${cpl.lines} lines, ${cpl.width} px)`);
    expect(errors.length === 0, `${name}: no console errors (${errors.join('; ')})`);
    await ctx.close();
  }

  // Dark mode: the page and its form controls are dark.
  {
    const ctx = await browser.newContext({ colorScheme: 'dark' });
    const pg = await ctx.newPage();
    await pg.goto(`${base}/en/smtp/550`);
    const r = await pg.evaluate(() => {
      const lum = (c) => {
        const [r, g, b] = c.match(/[\d.]+/g).map(Number);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      };
      const q = document.querySelector('#q'), b = document.querySelector('#compare-b');
      return {
        scheme: getComputedStyle(document.documentElement).colorScheme,
        body: lum(getComputedStyle(document.body).backgroundColor),
        q: lum(getComputedStyle(q).backgroundColor), qText: lum(getComputedStyle(q).color),
        b: lum(getComputedStyle(b).backgroundColor),
      };
    });
    expect(/dark/.test(r.scheme), `dark mode: color-scheme declared ('${r.scheme}')`);
    expect(r.body < 0.2 && r.q < 0.35 && r.b < 0.35 && r.qText > 0.6,
           `dark mode: page and form controls are dark (page ${r.body.toFixed(2)}, search ${r.q.toFixed(2)}, compare ${r.b.toFixed(2)}, text ${r.qText.toFixed(2)})`);
    await ctx.close();
  }

  // Print: no navigation or forms, link addresses written out, one column.
  {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const pg = await ctx.newPage();
    await pg.emulateMedia({ media: 'print' });
    await pg.goto(`${base}/en/smtp/450-vs-550`);
    const r = await pg.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
      const link = document.querySelector('#learn-more li a');
      const sides = [...document.querySelectorAll('.side')].map((e) => Math.round(e.getBoundingClientRect().left));
      return {
        nav: shown('header.site') || shown('nav') || shown('form'),
        after: getComputedStyle(link, '::after').content,
        href: link.getAttribute('href'),
        oneColumn: sides.length === 2 && sides[0] === sides[1],
      };
    });
    expect(!r.nav, 'print: header, navigation and forms are hidden');
    expect(r.after.includes(r.href), `print: a link shows its address (${r.after})`);
    expect(r.oneColumn, 'print: the two codes of a comparison in one column');
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
      await pa.goto(`${base}/ar/`);
      const g = await pa.evaluate(() => {
        const cs = getComputedStyle(document.querySelector('#basic .group'));
        return { right: parseFloat(cs.borderRightWidth), left: parseFloat(cs.borderLeftWidth) };
      });
      expect(g.right > g.left, `ar ${name}: a class card's colour bar is on the right (${g.right} > ${g.left} px)`);
      await ctx.close();
    }
  } else console.log('# no Arabic catalogue: RTL checks skipped');
} finally {
  await browser.close();
}
