// attack.mjs PORT SECONDS CONNS_PER_KIND_PER_ADDRESS
// First 512 keep-alive connections from one address (127.0.0.50) each ask
// for three pages: every request must be answered.
// Then // Slow clients from 17 loopback addresses (127.0.0.2-18): slow request
// headers, slow request bodies and slow readers of pipelined responses,
// reconnecting whenever the server drops them, while a probe from
// 127.0.0.100 asks for a page every 0.5 s. Prints the figures and exits 1
// when fewer than 99 % of the probes got an answer, during the attack or
// after it.
import net from 'node:net';

const port = Number(process.argv[2]);
const seconds = Number(process.argv[3] || 30);
const perKind = Number(process.argv[4] || 45);
const host = '127.0.0.1';
let stopping = false;
const open = new Set();
const counts = { opened: 0, dropped: 0 };

function attacker(addr, kind) {
  if (stopping) return;
  const s = net.connect({ host, port, localAddress: addr });
  open.add(s);
  counts.opened++;
  let timer;
  s.on('connect', () => {
    if (kind === 'header') {
      s.write('GET /en/ HTTP/1.1\r\nHost: x\r\n');
      timer = setInterval(() => s.write('X-Slow: 1\r\n'), 2000);
    } else if (kind === 'body') {
      s.write('POST /en/ HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n');
      timer = setInterval(() => s.write('x'), 1000);
    } else {
      // Ask for much more than the socket buffers hold, then never read.
      s.write('GET /en/smtp/550 HTTP/1.1\r\nHost: x\r\n\r\n'.repeat(200));
      s.pause();
    }
  });
  const again = () => {
    clearInterval(timer);
    if (open.delete(s)) counts.dropped++;
    s.destroy();
    setTimeout(() => attacker(addr, kind), 200);
  };
  s.on('error', again);
  s.on('close', again);
}

function probe() {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const s = net.connect({ host, port, localAddress: '127.0.0.100' });
    let data = '';
    const done = (okay) => { clearTimeout(timer); s.destroy(); resolve({ okay, ms: Date.now() - t0 }); };
    const timer = setTimeout(() => done(false), 3000);
    s.on('connect', () => s.write('GET /en/smtp/550 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    s.on('data', (d) => { data += d; if (/^HTTP\/1\.1 200 /.test(data)) done(true); });
    s.on('error', () => done(false));
    s.on('close', () => done(/^HTTP\/1\.1 200 /.test(data)));
  });
}

// One keep-alive connection asking for N pages one after the other;
// resolves to the number answered 200.
function greedy(n) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, localAddress: '127.0.0.50' });
    let got = 0, buf = '';
    const done = () => { s.destroy(); resolve(got); };
    const ask = () => s.write('GET /robots.txt HTTP/1.1\r\nHost: x\r\n\r\n');
    s.on('connect', ask);
    s.on('data', (d) => {
      buf += d;
      // robots.txt is small: one response per chunk read is not assumed.
      for (;;) {
        const h = buf.indexOf('\r\n\r\n');
        if (h < 0) break;
        const head = buf.slice(0, h);
        const len = Number((/\r\ncontent-length: *(\d+)/i.exec(head) || [0, 0])[1]);
        if (buf.length < h + 4 + len) break;
        if (/^HTTP\/1\.1 200 /.test(head)) got++;
        buf = buf.slice(h + 4 + len);
        if (got === n) return done();
        ask();
      }
    });
    s.on('error', done);
    s.on('close', done);
    setTimeout(done, 10000);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const answered = (await Promise.all(Array.from({ length: 512 }, () => greedy(3)))).reduce((a, b) => a + b, 0);
  console.log(`# 512 connections from one address: ${answered}/1536 requests answered`);
  if (answered !== 1536) process.exit(1);
  for (let a = 2; a <= 18; a++)
    for (const kind of ['header', 'body', 'read'])
      for (let i = 0; i < perKind; i++) attacker(`127.0.0.${a}`, kind);
  await sleep(2000); // let the attackers take their slots
  const during = [];
  let peak = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    peak = Math.max(peak, open.size);
    const p = probe();
    await sleep(500);
    during.push(await p);
  }
  stopping = true;
  for (const s of open) s.destroy();
  await sleep(1000);
  const after = [];
  for (let i = 0; i < 10; i++) after.push(await probe());
  const okDuring = during.filter((r) => r.okay).length;
  const okAfter = after.filter((r) => r.okay).length;
  const ms = during.filter((r) => r.okay).map((r) => r.ms).sort((a, b) => a - b);
  console.log(`# attackers: 17 addresses x 3 kinds x ${perKind}; ${counts.opened} connections opened, ` +
              `${counts.dropped} dropped by the server, up to ${peak} open at once`);
  console.log(`# probes during the attack: ${okDuring}/${during.length} answered, ` +
              `median ${ms[ms.length >> 1] ?? '-'} ms, max ${ms[ms.length - 1] ?? '-'} ms`);
  console.log(`# probes after the attack: ${okAfter}/${after.length} answered`);
  const pass = okDuring >= 0.99 * during.length && okAfter === after.length;
  process.exit(pass ? 0 : 1);
}
main();
