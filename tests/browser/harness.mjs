// Browser-test harness: the demo server on a free port, and Debian's Chromium driven by
// playwright-core (never `playwright install`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** Starts scripts/serve.mjs with extra args; resolves to {url, close}. */
export function serve(...args) {
  const proc = spawn(process.execPath, ['scripts/serve.mjs', '--port', '0', ...args], {
    cwd: root,
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/[\d.]+:\d+\//);
      if (m) resolve({ url: m[0], close: () => proc.kill() });
    });
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

// CHROMIUM_FLAGS adds switches for an experiment, e.g. "--js-flags=--no-wasm-dynamic-tiering"
// (every wasm function optimized up front: what V8's tier-up costs a first epoch).
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    timeout: 60000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(process.env.CHROMIUM_FLAGS?.split(' ').filter(Boolean) ?? []),
    ],
  });
}

/** A new page that records uncaught errors and console errors into page.problems. */
export async function open(browser, url, viewport = { width: 1280, height: 1800 }) {
  const page = await browser.newPage({ viewport });
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (process.env.DEBUG) console.log(m.text());
    if (m.type() === 'error') page.problems.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    // Longest main-thread task, as the Long Tasks API reports it (tasks over 50 ms).
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  return page;
}

export const trainer =
  (sel = 'xtape-trainer') =>
  (s) =>
    document.querySelector(s ?? sel);
export async function waitState(page, state, sel = 'xtape-trainer', timeout = 90000) {
  await page.waitForFunction(([s, st]) => document.querySelector(s)?.state === st, [sel, state], {
    timeout,
  });
}
/** Runs n steps through the UI (Run button with its count) and waits until they are done. */
export async function runSteps(page, n, sel = 'xtape-trainer') {
  const el = page.locator(sel);
  const before = await page.evaluate((s) => document.querySelector(s).log.length, sel);
  if (n === 1) await el.locator('[data-c=step]').click();
  else {
    await el.locator('.run input').fill(String(n));
    await el.locator('.run button').click();
  }
  await page.waitForFunction(
    ([s, want]) => {
      const e = document.querySelector(s);
      return e.state === 'ready' && e.log.length >= want;
    },
    [sel, before + n],
    { timeout: 120000 },
  );
  return page.evaluate((s) => document.querySelector(s).losses, sel);
}
