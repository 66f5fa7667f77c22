// What a reader of the page waits for: <xtape-trainer> training mini-batches (128 unless --batch)
// in Chromium, served cross-origin isolated (the worker takes the threaded build) and not
// isolated (the single-thread build), same data, seed and settings. Per build, a first epoch
// (468 steps at 128), then a second: the sum of the steps' own times, the wall time (steps, evaluations every 50 steps,
// messages, drawing) and the page's main-thread busy time (CDP TaskDuration).
//   node bench/page-epoch.mjs [--reps N] [--batch B]
import os from 'node:os';
import { serve, launch, open, waitState, runSteps } from '../tests/browser/harness.mjs';

const args = process.argv.slice(2);
const reps = args.includes('--reps') ? Number(args[args.indexOf('--reps') + 1]) : 3;
const batch = args.includes('--batch') ? Number(args[args.indexOf('--batch') + 1]) : 128;
const STEPS = Math.floor(60000 / batch);
const sum = (a) => a.reduce((p, q) => p + q, 0);
const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];

async function measure(browser, server) {
  const page = await open(browser, `${server.url}web/?batch=${batch}&seed=1`);
  await waitState(page, 'ready');
  const el = () =>
    page.evaluate(() => {
      const e = document.querySelector('xtape-trainer');
      return { ready: e.readyMs, engine: e.engine, ms: e.log.map((r) => r.ms) };
    });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')
      .value * 1000;
  const epochs = [];
  for (let e = 0; e < 2; e++) {
    const [b0, w0] = [await busy(), performance.now()];
    await runSteps(page, STEPS);
    const wall = performance.now() - w0,
      main = (await busy()) - b0;
    epochs.push({ steps: sum((await el()).ms.slice(e * STEPS)), wall, main });
  }
  const { ready, engine } = await el();
  await page.close();
  return { ready, threads: engine[0], epochs };
}

const builds = {};
for (const [name, flags] of [
  ['isolated', []],
  ['not isolated', ['--no-isolation']],
]) {
  const server = await serve(...flags);
  const browser = await launch();
  builds[name] = [];
  for (let r = 0; r < reps; r++) builds[name].push(await measure(browser, server));
  await browser.close();
  server.close();
}
const fig = (name, e, k) => median(builds[name].map((m) => m.epochs[e][k]));
console.log(
  `page, batch ${batch}, ${STEPS}-step epochs, medians of ${reps} page loads; ${os.cpus()[0]?.model}, ${os.cpus().length} cores`,
);
for (const name of Object.keys(builds)) {
  const t = builds[name][0].threads;
  console.log(
    `  ${name} (${t} thread${t > 1 ? 's' : ''}): ready ${median(builds[name].map((m) => m.ready)).toFixed(0)} ms; ` +
      [0, 1]
        .map(
          (e) =>
            `epoch ${e + 1}: steps ${fig(name, e, 'steps').toFixed(0)} ms, wall ${fig(name, e, 'wall').toFixed(0)} ms, main thread ${fig(name, e, 'main').toFixed(0)} ms`,
        )
        .join('; '),
  );
}
for (const e of [0, 1])
  console.log(
    `  epoch ${e + 1}, isolated / not isolated: steps ${(fig('isolated', e, 'steps') / fig('not isolated', e, 'steps')).toFixed(2)}x, wall ${(fig('isolated', e, 'wall') / fig('not isolated', e, 'wall')).toFixed(2)}x`,
  );
