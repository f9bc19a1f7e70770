// The three browser engines officers' phones run, each driven over W3C WebDriver through its own
// driver binary: Blink (Debian's Chromium + chromedriver), Gecko (Firefox ESR + geckodriver) and
// WebKit (WebKitGTK's MiniBrowser + WebKitWebDriver, Safari's engine family, under Xvfb). One
// session = one fresh browser profile.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { WebDriver } from "selenium-webdriver";
import { Executor, HttpClient } from "selenium-webdriver/http/index.js";
import { freePort } from "../e2e/support.mjs";

const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
];
const MINIBROWSER = process.env.MINIBROWSER ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

/** What each engine needs: its driver, the arguments to give it a port, and the session's capabilities.
 *  Every engine accepts the test's own self-signed certificate (`acceptInsecureCerts`). */
export const ENGINES = {
  chromium: {
    driver: process.env.CHROMEDRIVER ?? "/usr/bin/chromedriver",
    driverArgs: (port) => [`--port=${port}`],
    capabilities: () => ({
      browserName: "chrome",
      acceptInsecureCerts: true,
      "goog:chromeOptions": { binary: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_FLAGS },
    }),
  },
  firefox: {
    driver: process.env.GECKODRIVER ?? `${process.env.HOME}/.cargo/bin/geckodriver`,
    driverArgs: (port) => ["--port", String(port)],
    capabilities: () => ({
      browserName: "firefox",
      acceptInsecureCerts: true,
      "moz:firefoxOptions": { binary: process.env.FIREFOX ?? "/usr/bin/firefox-esr", args: ["-headless"] },
    }),
  },
  webkit: {
    driver: process.env.SAFARIDRIVER ?? "/usr/bin/WebKitWebDriver",
    driverArgs: (port) => [`--port=${port}`],
    needsDisplay: true,
    capabilities: () => ({
      acceptInsecureCerts: true,
      // Without --automation the session never starts. Automation mode keeps an ephemeral store (like
      // a private window whose storage lives as long as the session): each journey stays in one session.
      "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation", "--ignore-tls-errors"] },
    }),
  },
};

/** The engines to run, from `SPOC_ENGINES` (comma-separated), all three by default. */
export function selectedEngines() {
  const names = (process.env.SPOC_ENGINES ?? "chromium,firefox,webkit").split(",").map((n) => n.trim()).filter(Boolean);
  for (const name of names) if (!ENGINES[name]) throw new Error(`unknown engine ${name}; known: ${Object.keys(ENGINES)}`);
  return names;
}

/** A child process that must not outlive the test, stopped by its own pid. */
async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const exited = once(child, "exit");
  const timeout = new Promise((r) => setTimeout(r, 5_000, "timeout"));
  if ((await Promise.race([exited, timeout])) === "timeout") {
    child.kill("SIGKILL");
    await exited;
  }
}

/** An X server of its own for WebKit (it has no headless mode); Xvfb picks a free display itself
 *  (`-displayfd`), so parallel runs never collide. */
async function startXvfb() {
  const xvfb = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  let said = "";
  const display = await new Promise((resolve, reject) => {
    xvfb.stdio[3].on("data", (chunk) => {
      said += chunk;
      if (said.includes("\n")) resolve(`:${said.trim()}`);
    });
    xvfb.once("exit", (code) => reject(new Error(`Xvfb exited (${code}) before giving a display`)));
    setTimeout(() => reject(new Error("Xvfb gave no display within 20 s")), 20_000);
  });
  return { display, stop: () => stopChild(xvfb) };
}

/** Waits until something listens on `port` (the driver is up), for at most `ms`. */
async function waitForPort(port, ms, child) {
  const until = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the driver exited (${child.exitCode})`);
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/status`);
      if (answer.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`the driver did not listen on ${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Starts the engine's driver (and X server) and opens one session with a fresh profile.
 * `quit()` ends the session and stops what was started, in that order.
 */
export async function startEngine(name) {
  const engine = ENGINES[name];
  if (!existsSync(engine.driver)) throw new Error(`${name}: no driver at ${engine.driver} (make test installs it)`);
  const xvfb = engine.needsDisplay ? await startXvfb() : null;
  const port = await freePort();
  const env = xvfb ? { ...process.env, DISPLAY: xvfb.display } : process.env;
  const driverProcess = spawn(engine.driver, engine.driverArgs(port), { stdio: ["ignore", "ignore", "pipe"], env });
  let driverLog = "";
  driverProcess.stderr.on("data", (chunk) => { driverLog = (driverLog + chunk).slice(-4_000); });
  const stopAll = async () => {
    await stopChild(driverProcess);
    await xvfb?.stop();
  };
  try {
    await waitForPort(port, 20_000, driverProcess);
    const executor = new Executor(new HttpClient(`http://127.0.0.1:${port}`));
    const driver = await WebDriver.createSession(executor, engine.capabilities());
    await driver.manage().setTimeouts({ script: 30_000, pageLoad: 60_000 });
    return {
      name,
      driver,
      quit: async () => {
        try {
          await driver.quit();
        } finally {
          await stopAll();
        }
      },
    };
  } catch (e) {
    await stopAll();
    throw new Error(`${name}: ${e.message}\n${driverLog}`);
  }
}
