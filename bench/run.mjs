// Benchmarks (not tests): the figures go into the README's "Measured" table.
//   1. The release bundle as served (HTML + JS + wasm + CSS + manifest + service worker), brotli, in KB.
//   2. Submit → outbox committed in headless Chromium (encrypt, validate, hash, seal, one strict
//      IndexedDB transaction), p50 and p95 over 200 captures, in a normal (on-disk) profile.
//   3. Draining an outbox of 1,000 captures to the desk on loopback: seconds and captures per second.
//   4. Start-up to the first usable control, CPU slowed 4× (CDP Emulation.setCPUThrottlingRate), median
//      of 7: offline (service worker, desk stopped, normal on-disk profile), and a cold first load over
//      a throttled 4G profile (9 Mbit/s down, 1.5 up, 60 ms RTT; CDP Network.emulateNetworkConditions).
//      `BENCH_ONLY=startup` runs only this; `BENCH_APP_DIR=DIR` measures another build of the bundle.
//   5. Recovery: with the desk down 10 s (real time), 5 min and 30 min (the page's clock faked and
//      jumped ahead, failed try after failed try), how long after the desk is back a queued capture
//      reaches it, with no click and no page load.
// Run with `make bench` (release desk, release app built with the `bench` feature into dist-bench/).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  addAccount, countRows, fillSettings, freePort, normalWindow, ROOT, signInByApi, startDesk, stopDesk, tempDatabase,
  unlock, waitForSealKey, waitForServiceWorker,
} from "../tests/e2e/support.mjs";

const kb = (n) => (n / 1024).toFixed(1);

/** What the desk sends a browser that accepts brotli: the build-time `.br` copy of each shell file.
 *  The guidance pack is data the shell carries, not code: it is counted apart from the budget. */
function bundleSize(dir, label = "field bundle as served", budget = " (budget 250 KB)") {
  let raw = 0, br = 0;
  let data = 0;
  const rows = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory() || name.endsWith(".png") || name.endsWith(".br") || name.endsWith(".gz")) continue;
    const size = statSync(path).size;
    const served = statSync(path + ".br").size;
    if (name === "guidance-pack.json") data += served;
    else { raw += size; br += served; }
    rows.push(`  ${name.padEnd(44)} ${kb(size).padStart(8)} KB raw ${kb(served).padStart(8)} KB br`);
  }
  console.log(rows.join("\n"));
  console.log(`${label}: ${kb(raw)} KB raw, ${kb(br)} KB brotli${budget}${data ? `; guidance pack ${kb(data)} KB brotli` : ""}`);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The first control an officer can use after a load: the lock screen's, the first passphrase's, or home's. */
const FIRST_CONTROL = "[data-testid=unlock], [data-testid=new-passphrase-save], [data-testid=new-capture]";

/** ms from navigation start until the control is in the page, read in the page at the frame it appears. */
async function firstControlAt(page) {
  const at = await page.waitForFunction(
    (selector) => (document.querySelector(selector) ? performance.now() : false),
    FIRST_CONTROL,
    { polling: "raf", timeout: 60_000 },
  );
  return at.jsonValue();
}

async function slowCpu(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return cdp;
}

const median = (values) => Float64Array.from(values).sort()[Math.floor(values.length / 2)];

async function startup(appDir) {
  const port = await freePort();
  const binary = join(ROOT, "target/release/spoc-desk");
  const baseURL = `http://127.0.0.1:${port}`;
  const desk = await startDesk({ port, dbPath: tempDatabase(), binary, appDir });

  // Cold: a fresh profile each time (nothing cached, no service worker), over 4G.
  const cold = [];
  for (let i = 0; i < 7; i++) {
    const context = await normalWindow({ baseURL });
    const page = await context.newPage();
    const cdp = await slowCpu(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false, latency: 60, downloadThroughput: (9e6 / 8), uploadThroughput: (1.5e6 / 8),
    });
    await page.goto("/");
    cold.push(await firstControlAt(page));
    await context.close();
  }

  // Offline: the app installed (service worker, a passphrase set), then the desk stopped.
  const context = await normalWindow({ baseURL });
  const page = await context.newPage();
  await page.goto("/");
  await waitForServiceWorker(page);
  await unlock(page);
  await stopDesk(desk);
  const offline = [];
  for (let i = 0; i < 7; i++) {
    await slowCpu(page);
    await page.reload();
    offline.push(await firstControlAt(page));
  }
  await context.close();
  const s = (ms) => (ms / 1000).toFixed(2);
  console.log(`start-up, CPU 4×, median of 7 (${appDir}): offline ${s(median(offline))} s [${offline.map(s).join(" ")}]; cold over 4G ${s(median(cold))} s [${cold.map(s).join(" ")}]`);
}

async function main() {
  const appDirUnderTest = process.env.BENCH_APP_DIR ?? join(ROOT, "dist");
  if (process.env.BENCH_ONLY === "startup") return startup(appDirUnderTest);
  bundleSize(join(ROOT, "dist"));
  // Operators at the SPOC load this one, online; no budget was set for it.
  bundleSize(join(ROOT, "dist", "desk"), "desk bundle as served (/desk)", "");

  const port = await freePort();
  const dbPath = tempDatabase();
  const binary = join(ROOT, "target/release/spoc-desk");
  const appDir = join(ROOT, "dist-bench");
  const oneTimePassword = addAccount(dbPath, "officer.bench", "officer", binary);
  let desk = await startDesk({ port, dbPath, binary, appDir });
  // A normal window: a private one keeps IndexedDB in memory and would flatter the submit figures.
  const context = await normalWindow({ baseURL: `http://127.0.0.1:${port}` });
  const page = await context.newPage();
  await page.goto("/");
  await page.waitForFunction(() => window.wasmBindings?.spoc_bench_queue);
  await signInByApi(page, "officer.bench", oneTimePassword);
  await fillSettings(page);
  await waitForSealKey(page);

  // With the desk stopped, the outbox only fills: nothing competes with the submits being timed.
  await stopDesk(desk);
  const timings = await page.evaluate(() => window.wasmBindings.spoc_bench_queue(200));
  const sorted = Float64Array.from(timings).sort();
  console.log(`submit → outbox committed (200 captures): p50 ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms`);

  await page.evaluate(() => window.wasmBindings.spoc_bench_queue(800));
  desk = await startDesk({ port, dbPath, binary, appDir });
  const started = performance.now();
  await page.reload(); // app start is a sync trigger; no waiting out a backoff timer
  // Done when the desk holds every capture (the indicator's first paint says 0 before it has looked).
  let [rows, distinct] = countRows(dbPath);
  while (rows < 1000 && performance.now() - started < 600_000) {
    await new Promise((r) => setTimeout(r, 20));
    [rows, distinct] = countRows(dbPath);
  }
  const seconds = (performance.now() - started) / 1000;
  await page.waitForSelector("[data-testid=sync-waiting][data-count='0']");
  console.log(`drain 1,000 captures: ${seconds.toFixed(2)} s, ${(rows / seconds).toFixed(0)} captures/s (${rows} rows, ${distinct} distinct)`);

  await context.close();
  await stopDesk(desk);

  await startup(appDirUnderTest);

  for (const outageS of [10, 300, 1800]) {
    const ms = await recovery({ binary, appDir, outageS });
    console.log(`recovery after the desk was down ${outageS} s: the queued capture arrived ${(ms / 1000).toFixed(1)} s after it was back (bound 30 s)`);
  }
}

/** One queued capture, the desk stopped for `outageS`, then started: milliseconds (on the page's
 *  clock) from the desk answering again until it holds the capture. Outages over 10 s are simulated
 *  with Playwright's fake clock: jumped ahead to each try the app sets, so every try fails as it would. */
async function recovery({ binary, appDir, outageS }) {
  const port = await freePort();
  const dbPath = tempDatabase();
  const oneTimePassword = addAccount(dbPath, "officer.bench", "officer", binary);
  let desk = await startDesk({ port, dbPath, binary, appDir });
  const context = await normalWindow({ baseURL: `http://127.0.0.1:${port}` });
  const fake = outageS > 10;
  if (fake) await context.clock.install();
  const page = await context.newPage();
  await page.goto("/");
  await page.waitForFunction(() => window.wasmBindings?.spoc_bench_queue);
  await signInByApi(page, "officer.bench", oneTimePassword);
  await fillSettings(page);
  await waitForSealKey(page);
  await stopDesk(desk);
  await page.evaluate(() => window.wasmBindings.spoc_bench_queue(1));
  // spoc_bench_queue writes the outbox directly; a reload starts the loop on it (its first try fails).
  await page.reload();
  const now = () => page.evaluate(() => Date.now());
  const nextTry = () => page.evaluate(() => Number(document.querySelector("[data-testid=sync-problem]")?.dataset.nextTry ?? 0));
  const end = (await now()) + outageS * 1000;
  if (fake) {
    for (;;) {
      await page.waitForFunction(() => document.querySelector("[data-testid=sync-problem]")?.dataset.nextTry, null, { timeout: 60_000 });
      const next = await nextTry();
      if (next >= end) break;
      await page.clock.fastForward(Math.max(0, next - (await now())) + 50);
      await page.waitForFunction((n) => Number(document.querySelector("[data-testid=sync-problem]")?.dataset.nextTry ?? 0) > n, next, { timeout: 60_000 });
    }
    await page.clock.fastForward(Math.max(0, end - (await now())));
  } else {
    await new Promise((r) => setTimeout(r, outageS * 1000));
  }
  desk = await startDesk({ port, dbPath, binary, appDir });
  const back = await now();
  while (countRows(dbPath)[0] < 1 && (await now()) - back < 120_000) {
    if (fake) await page.clock.fastForward(250);
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = (await now()) - back;
  await context.close();
  await stopDesk(desk);
  return ms;
}

await main();
