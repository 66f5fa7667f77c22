// The demo server under hostile requests: every one gets an answer (400, 404, 405), none stops
// the server, and every response carries nosniff (and COOP/COEP/CORP unless --no-isolation).
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from '../../scripts/serve.mjs';

const dataDir = mkdtempSync(join(tmpdir(), 'xtape-serve-'));
writeFileSync(join(dataDir, 'train-labels-idx1-ubyte.gz'), Buffer.alloc(1 << 20, 7));
const server = createServer({ dataDir });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address();
test.after(() => {
  server.close();
  rmSync(dataDir, { recursive: true });
});

// Sends raw bytes, resolves to {status, headers, body} of the answer (or status 0 if the
// connection closed without one).
function raw(request) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let data = '';
    s.setTimeout(5000, () => reject(new Error('timeout')));
    s.on('data', (d) => {
      data += d.toString('latin1');
    });
    s.on('error', () => {});
    s.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      const lines = head.split('\r\n');
      const status = Number(lines[0].split(' ')[1] ?? 0);
      const headers = Object.fromEntries(
        lines
          .slice(1)
          .map((l) => [
            l.slice(0, l.indexOf(':')).toLowerCase(),
            l.slice(l.indexOf(':') + 1).trim(),
          ]),
      );
      resolve({ status, headers, body: rest.join('\r\n') });
    });
    s.write(request); // no half-close: the server closes after its answer (Connection: close)
  });
}
const get = (path, method = 'GET') =>
  raw(`${method} ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);

test('the page is served with nosniff and the isolation headers', async () => {
  const r = await get('/web/');
  assert.equal(r.status, 200);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.equal(r.headers['cross-origin-embedder-policy'], 'require-corp');
  assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
});

const cases = [
  ['malformed percent-escape', '/web/%E0%A4%A', 400],
  ['lone percent', '/web/%', 400],
  ['malformed absolute URL', 'http://[::1/web/', 400],
  ['absolute URL with a bad port', 'http://evil.example:99999/web/', 400],
  ['protocol-relative path with a bad port', '//evil.example:99999/', 400],
  ['NUL byte', '/web/index.html%00.png', 400],
  ['traversal', '/web/../../../../etc/passwd', 404],
  ['encoded traversal', '/web/%2e%2e/%2e%2e/%2e%2e/etc/passwd', 404],
  ['encoded slash traversal', '/data/..%2f..%2f..%2fetc%2fpasswd', 404],
  ['unknown mount', '/etc/passwd', 404],
  ['a folder', '/build/', 404],
  ['missing data file', '/data/t10k-images-idx3-ubyte.gz', 404],
  ['very long path', `/web/${'a'.repeat(6000)}`, 404],
];
for (const [name, path, status] of cases) {
  test(`${name}: ${status}`, async () => {
    const r = await get(path);
    assert.equal(r.status, status, `${path} -> ${r.status}`);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  });
}

for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE']) {
  test(`${method}: 405 with Allow`, async () => {
    const r = await get('/web/', method);
    assert.equal(r.status, 405);
    assert.equal(r.headers.allow, 'GET, HEAD');
  });
}

test('HEAD gives the headers and no body', async () => {
  const r = await get('/data/train-labels-idx1-ubyte.gz', 'HEAD');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-length'], String(1 << 20));
  assert.equal(r.body, '');
});

test('a malformed request line or header is a 400, not a crash', async () => {
  assert.equal((await raw('HELLO\r\n\r\n')).status, 400);
  assert.equal((await raw('GET /web/ HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n')).status, 400);
  assert.equal(
    (await raw(`GET /web/ HTTP/1.1\r\nHost: x\r\nX: ${'b'.repeat(20000)}\r\n\r\n`)).status,
    431,
  );
});

test('a file removed while it is being sent ends only that response', async () => {
  const big = join(dataDir, 'big.gz');
  writeFileSync(big, Buffer.alloc(32 << 20, 1));
  const s = net.connect(port, '127.0.0.1');
  s.write('GET /data/big.gz HTTP/1.1\r\nHost: x\r\n\r\n');
  await new Promise((r) => s.once('data', r));
  s.pause();
  rmSync(big);
  writeFileSync(big, 'replaced');
  s.destroy();
  const r = await get('/data/big.gz');
  assert.equal(r.status, 200);
  assert.equal(r.body, 'replaced');
  assert.equal((await get('/web/')).status, 200);
});

test('after all of that the server still serves', async () => {
  assert.equal((await get('/web/')).status, 200);
  assert.equal((await get('/js/index.mjs')).headers['content-type'], 'text/javascript');
});

// Aborted downloads close their files: a server limited to 64 descriptors serves 300 aborted
// downloads of a 4 MB file (each closed by the client after its first bytes), then a whole one.
test(
  'aborted downloads do not keep their files open (ulimit -n 64, 300 aborts)',
  { timeout: 60000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xtape-fd-'));
    writeFileSync(join(dir, 'big.gz'), Buffer.alloc(4 << 20, 3));
    const serve = fileURLToPath(new URL('../../scripts/serve.mjs', import.meta.url));
    const child = spawn(
      'bash',
      ['-c', `ulimit -n 64 && exec node "$0" --port 0 --data "$1"`, serve, dir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const childPort = await new Promise((resolve, reject) => {
        child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
        child.stdout.on('data', (d) => {
          const m = /127\.0\.0\.1:(\d+)\//.exec(d.toString());
          if (m) resolve(Number(m[1]));
        });
      });
      const abort = () =>
        new Promise((resolve, reject) => {
          const s = net.connect(childPort, '127.0.0.1');
          s.setTimeout(5000, () => {
            s.destroy();
            reject(new Error('no answer in 5 s: out of descriptors?'));
          });
          s.on('error', () => {});
          s.once('data', () => {
            s.destroy();
            resolve();
          });
          s.write('GET /data/big.gz HTTP/1.1\r\nHost: x\r\n\r\n');
        });
      for (let i = 0; i < 300; i += 10) await Promise.all(Array.from({ length: 10 }, abort));
      await new Promise((r) => setTimeout(r, 200)); // the server sees the last closes
      const open = readdirSync(`/proc/${child.pid}/fd`).length;
      assert.ok(open < 40, `${open} descriptors open after 300 aborted downloads`);
      const whole = await new Promise((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: childPort, path: '/data/big.gz' }, (res) => {
            let n = 0;
            res.on('data', (d) => (n += d.length));
            res.on('end', () => resolve([res.statusCode, n]));
          })
          .on('error', reject);
      });
      assert.deepEqual(whole, [200, 4 << 20]);
    } finally {
      child.kill();
      rmSync(dir, { recursive: true });
    }
  },
);

test('only the module the page loads is served from build/wasm, not the CMake folder', async () => {
  for (const f of [
    'CMakeCache.txt',
    'build.ninja',
    'libxtape.a',
    'cmake_install.cmake',
    'package.json',
  ])
    assert.equal((await get(`/build/wasm/${f}`)).status, 404, f);
  assert.equal((await get('/build/wasm/xtape.mjs', 'HEAD')).status, 200);
  assert.equal((await get('/build/wasm/xtape.mt.worker.js', 'HEAD')).status, 200);
});

// The server's flags, as typed: strict, with a usage line for anything it does not take.
const serveScript = fileURLToPath(new URL('../../scripts/serve.mjs', import.meta.url));
const runServe = (...args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [serveScript, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('xtape demo:')) child.kill();
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
test('serve.mjs flags: --help prints and exits, --port=N works, --host needs a value', async () => {
  const help = await runServe('--help');
  assert.equal(help.code, 0);
  assert.match(help.out, /usage: node scripts\/serve.mjs/);
  const eq = await runServe('--port=0', '--host=127.0.0.1');
  assert.match(eq.out, /xtape demo: http:\/\/127\.0\.0\.1:\d+\//);
  assert.doesNotMatch(eq.out, /:8080\//);
  for (const [args, msg] of [
    [['--host'], '--host needs a value'],
    [['--host', '--port', '0'], '--host needs a value'],
    [['--port'], '--port needs a value'],
    [['--port', 'abc'], "bad port 'abc'"],
    [['--port=70000'], "bad port '70000'"],
    [['--frobnicate'], "unknown argument '--frobnicate'"],
  ]) {
    const r = await runServe(...args);
    assert.equal(r.code, 2, `${args}: ${r.err}`);
    assert.ok(r.err.includes(msg), `${args}: ${r.err}`);
  }
});
