// The demo's static server: node scripts/serve.mjs [--port 8080] [--host 127.0.0.1] [--data DIR]
// [--no-isolation]. Serves the page (web/), the JS API (js/), the WASM build (build/wasm/) and
// uPlot from the repository, and Fashion-MNIST at /data/ from where dataset-fashion-mnist
// installs it; the benchmark page (bench/) too. Every response carries COOP/COEP/CORP so a threaded build can run; --no-isolation
// drops them to check that the page works on a plain static host.
import http from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.gz': 'application/octet-stream',
  '.npy': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.py': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The demo's request handler as an http.Server (not listening yet). Any request gets an answer
 * and nothing a client sends can stop the server: a malformed URL is a 400, a method other than
 * GET or HEAD a 405, a read error ends only its own response.
 */
export function createServer({
  dataDir = '/usr/share/datasets/fashion-mnist',
  isolation = true,
} = {}) {
  // URL prefix -> folder; nothing else of the repository is served.
  const MOUNTS = [
    ['/data/', dataDir],
    ['/web/', join(root, 'web')],
    ['/js/', join(root, 'js')],
    ['/python/', join(root, 'python')],
    // the module the page loads, not the CMake folder around it (CMakeCache.txt, build.ninja)
    [
      '/build/wasm/',
      join(root, 'build/wasm'),
      /^\/xtape(\.mt)?\.(mjs|wasm)$|^\/xtape\.mt\.worker\.js$/,
    ],
    ['/build/vendor/', join(root, 'build/vendor')],
    ['/build/data/', join(root, 'build/data')],
    ['/bench/', join(root, 'bench')], // npm run bench (TF.js lives in bench/node_modules)
    ['/build/bench/', join(root, 'build/bench')],
  ];
  const headers = (type, size) => {
    const h = {
      'Content-Type': type,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    if (size !== undefined) h['Content-Length'] = size;
    if (isolation) {
      h['Cross-Origin-Opener-Policy'] = 'same-origin';
      h['Cross-Origin-Embedder-Policy'] = 'require-corp';
      h['Cross-Origin-Resource-Policy'] = 'same-origin';
    }
    return h;
  };
  const reply = (res, status, text, extra = {}) => {
    res.writeHead(status, { ...headers('text/plain; charset=utf-8'), ...extra });
    res.end(`${status} ${text}\n`);
  };

  function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return reply(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    let url, path;
    try {
      url = new URL(req.url, 'http://x');
      path = decodeURIComponent(url.pathname);
    } catch {
      return reply(res, 400, 'malformed URL');
    }
    if (path.includes('\0')) return reply(res, 400, 'malformed URL');
    if (path === '/' || path === '/web') {
      res.writeHead(302, { Location: `/web/${url.search}`, 'X-Content-Type-Options': 'nosniff' });
      return res.end();
    }
    if (path.endsWith('/')) path += 'index.html';
    const mount = MOUNTS.find(([prefix]) => path.startsWith(prefix));
    const file = mount && normalize(join(mount[1], path.slice(mount[0].length)));
    if (!file || (!(file + sep).startsWith(mount[1] + sep) && file !== mount[1]))
      return reply(res, 404, 'not found');
    if (mount[2] && !mount[2].test(path.slice(mount[0].length - 1)))
      return reply(res, 404, 'not found');
    let st;
    try {
      st = statSync(file);
    } catch {
      return reply(
        res,
        404,
        mount[0] === '/data/'
          ? `${path}: Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)`
          : 'not found',
      );
    }
    if (!st.isFile()) return reply(res, 404, 'not found');
    const stream = createReadStream(file);
    // A client that goes away early (an aborted download) must not keep the file open: pipe()
    // does not destroy its source when the destination closes first.
    res.once('close', () => stream.destroy());
    stream.on('error', () => {
      if (res.headersSent)
        res.destroy(); // the file went away or changed: end only this response
      else reply(res, 404, 'not found');
    });
    stream.once('open', () => {
      res.writeHead(200, headers(MIME[extname(file)] ?? 'application/octet-stream', st.size));
      if (req.method === 'HEAD') {
        stream.destroy();
        return res.end();
      }
      stream.pipe(res);
    });
  }

  const server = http.createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      if (!res.headersSent) reply(res, 500, 'internal error');
      else res.destroy();
    }
  });
  server.on('clientError', (err, socket) => {
    // malformed request lines and headers
    const status =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });
  return server;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const USAGE = `usage: node scripts/serve.mjs [--port N] [--host ADDRESS] [--data DIR] [--no-isolation]
  --port N        port to listen on (default $PORT or 8080; 0: any free port)
  --host ADDRESS  address to bind (default 127.0.0.1)
  --data DIR      the Fashion-MNIST folder (default /usr/share/datasets/fashion-mnist)
  --no-isolation  no COOP/COEP headers (the single-thread build then)`;
  const usage = (msg) => {
    console.error(`serve: ${msg}\n${USAGE}`);
    process.exit(2);
  };
  // --name VALUE or --name=VALUE; a value is required and may not look like a flag
  const flags = {
    port: process.env.PORT ?? '8080',
    host: '127.0.0.1',
    data: '/usr/share/datasets/fashion-mnist',
  };
  let isolation = true;
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    }
    if (a === '--no-isolation') {
      isolation = false;
      continue;
    }
    const m = /^--(port|host|data)(?:=(.*))?$/.exec(a);
    if (!m) usage(`unknown argument '${a}'`);
    const value = m[2] ?? args[++i];
    if (value === undefined || value === '' || value.startsWith('--'))
      usage(`--${m[1]} needs a value`);
    flags[m[1]] = value;
  }
  const port = Number(flags.port);
  if (!/^\d+$/.test(flags.port) || port > 65535) usage(`bad port '${flags.port}'`);
  const host = flags.host;
  const server = createServer({ dataDir: flags.data, isolation });
  server.on('error', (e) => {
    console.error(`serve: ${e.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const { port: actual } = server.address();
    console.log(
      `xtape demo: http://${host}:${actual}/  (embedding example: http://${host}:${actual}/web/embed.html)`,
    );
  });
}
