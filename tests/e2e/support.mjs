// Shared by the end-to-end tests and the benchmarks: a real desk process on loopback, and Debian's
// Chromium driven by Playwright.
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";

export const ROOT = resolve(import.meta.dirname, "..", "..");

/** A port free right now; kept for the test's whole life so the app's origin never changes. */
export async function freePort() {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address();
  server.close();
  await once(server, "close");
  return port;
}

export function tempDatabase() {
  const dir = mkdtempSync(join(tmpdir(), "spoc-e2e-"));
  return join(dir, "spoc.db");
}

export const DESK_BINARY = join(ROOT, "target/debug/spoc-desk");
/** What every e2e account's one-time password is changed to. */
export const PASSPHRASE = "e2e test passphrase";

/** Creates an account with `spoc-desk user add` (as an admin would) and returns its one-time password. */
export function addAccount(dbPath, username, role, binary = DESK_BINARY) {
  const out = execFileSync(binary, ["--database-url", `sqlite://${dbPath}`, "user", "add", username, "--role", role]);
  const match = out.toString().match(/one-time password: (\S+)/);
  if (!match) throw new Error(`no one-time password in: ${out}`);
  return match[1];
}

/** Signs the page's browser context in through the API and replaces the one-time password. */
export async function signInByApi(page, username, oneTimePassword) {
  const statuses = await page.evaluate(async ({ username, oneTimePassword, passphrase }) => {
    const json = { "content-type": "application/json" };
    const login = await fetch("/api/v1/session", { method: "POST", headers: json, body: JSON.stringify({ username, password: oneTimePassword }) });
    const change = await fetch("/api/v1/session/password", {
      method: "PUT", headers: json, body: JSON.stringify({ current_password: oneTimePassword, new_password: passphrase }),
    });
    return [login.status, change.status];
  }, { username, oneTimePassword, passphrase: PASSPHRASE });
  if (statuses[0] !== 200 || statuses[1] !== 204) throw new Error(`sign-in failed: ${statuses}`);
}

/** Signs in through the sign-in page with a one-time password and replaces it, as a new user does. */
export async function signInThroughUi(page, username, oneTimePassword) {
  await page.goto("/login");
  await page.fill("#username", username);
  await page.fill("#password", oneTimePassword);
  await page.click("[data-testid=sign-in] button[type=submit]");
  await page.waitForSelector("[data-testid=change-password]");
  await page.fill("#current-password", oneTimePassword);
  await page.fill("#new-password", PASSPHRASE);
  await page.fill("#repeat-password", PASSPHRASE);
  await page.click("[data-testid=change-password] button[type=submit]");
}

/** The key-encryption key of every desk this process starts (a restart on the same database needs
 * the same one): given in SPOC_SEAL_KEK, as a deployment may. */
const SEAL_KEK = randomBytes(32).toString("base64");

/** A `spoc-desk` command on the database at `dbPath`, with the same key-encryption key as the desks
 *  this process starts (the key commands need it); what it printed. */
export function deskCommand(dbPath, args, binary = DESK_BINARY) {
  return execFileSync(binary, ["--database-url", `sqlite://${dbPath}`, ...args], {
    env: { ...process.env, SPOC_SEAL_KEK: SEAL_KEK },
  }).toString();
}

/** Starts the desk and resolves once it prints its address (`args`: more flags, e.g. for TLS). */
export async function startDesk({ port, dbPath, binary = DESK_BINARY, appDir = join(ROOT, "dist"), args = [] }) {
  const desk = spawn(binary, [
    "--listen", `127.0.0.1:${port}`,
    "--database-url", `sqlite://${dbPath}`,
    "--app-dir", appDir,
    ...args,
  ], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? "warn", SPOC_SEAL_KEK: SEAL_KEK },
  });
  let output = "";
  const ready = new Promise((resolveReady, reject) => {
    const onData = (chunk) => {
      output += chunk;
      if (/listening on https?:\/\//.test(output)) resolveReady();
    };
    desk.stdout.on("data", onData);
    desk.stderr.on("data", onData);
    desk.once("exit", (code) => reject(new Error(`desk exited (${code}) before listening:\n${output}`)));
  });
  await ready;
  return desk;
}

export async function stopDesk(desk) {
  if (desk.exitCode !== null) return;
  desk.kill("SIGTERM");
  await once(desk, "exit");
}

/** Row count of the desk's captures table, read straight from the SQLite file. */
export function countRows(dbPath, sql = "SELECT COUNT(*), COUNT(DISTINCT id) FROM captures") {
  const out = execFileSync("python3", ["-c", `import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(*c.execute(sys.argv[2]).fetchone())`, dbPath, sql]);
  return out.toString().trim().split(" ").map(Number);
}

const CHROMIUM = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
  ],
};

/** A browser for contexts that are private windows (`browser.newContext()` is off the record). */
export async function launchBrowser() {
  return chromium.launch(CHROMIUM);
}

/** A normal, non-private browser window on its own profile, as an officer's installed app has. */
export async function normalWindow(contextOptions) {
  const profile = mkdtempSync(join(tmpdir(), "spoc-e2e-profile-"));
  return chromium.launchPersistentContext(profile, { ...CHROMIUM, ...contextOptions });
}

/** Waits until a service worker controls the page: from then on the app loads without the desk. */
export async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    }
  });
}

/** The passphrase that encrypts drafts on the test device. */
export const VAULT_PASSPHRASE = "e2e vault passphrase, long";

/**
 * Waits for the app to show a page; if it is the lock screen, unlocks it (or sets the device's first
 * passphrase). Every full page load starts locked: the data key lives in memory only.
 */
export async function unlock(page) {
  const shown = await page.waitForSelector(
    "[data-testid=new-capture], [data-testid=lock-screen], [data-testid=set-passphrase], form.capture, [data-testid=capture-status]",
  );
  const which = await shown.getAttribute("data-testid");
  if (which === "lock-screen") {
    await page.fill("#unlock-passphrase", VAULT_PASSPHRASE);
    await page.click("[data-testid=unlock]");
  } else if (which === "set-passphrase") {
    await page.fill("#new-passphrase", VAULT_PASSPHRASE);
    await page.fill("#new-passphrase-repeat", VAULT_PASSPHRASE);
    await page.click("[data-testid=new-passphrase-save]");
  } else {
    return;
  }
  await page.waitForSelector("[data-testid=lock-screen], [data-testid=set-passphrase]", { state: "detached" });
}

/** Home, unlocked. */
export async function openHome(page) {
  await page.goto("/");
  await unlock(page);
  await page.waitForSelector("[data-testid=new-capture]");
}

/** The officer's settings; `district` a district code (spoc-core's `District::code`). */
export async function fillSettings(page, { district = "koebenhavn" } = {}) {
  await page.goto("/settings");
  await page.fill("#officer-name", "Test Betjent");
  await page.fill("#badge-number", "12345");
  await page.selectOption("#district", district);
  await page.fill("#officer-phone", "+4511223344");
  await page.click("form.settings button[type=submit]");
  await page.waitForSelector("[data-testid=settings-saved]");
}

/** Fills one capture through the UI and submits it; returns its id (from the URL). `inApp`: reach
 *  home through the app's link rather than a page load. */
export async function captureThroughUi(page, { journal, handle, inApp = false }) {
  if (inApp) {
    // Through the app's own link: no page load, so the app keeps its state (unlocked, registered).
    await page.click("a.brand");
    await page.waitForSelector("[data-testid=new-capture]");
  } else {
    await openHome(page);
  }
  await page.click("[data-testid=new-capture]");
  await page.waitForURL(/\/capture\/[0-9a-f-]{36}$/);
  const id = page.url().split("/").pop();
  await page.check("input[name=case-type][value=sextortion]");
  await page.fill("#journal-number", journal);
  await page.check("#flag-minor");
  await page.fill("#identifier-0", handle);
  await page.waitForSelector(".parsed.ok");
  await page.click("text=Tilføj indhold");
  await page.fill("textarea[id^=item-]", "https://example.invalid/evidence?x=1");
  await submitAnyway(page);
  return id;
}

/** Unfolds the capture form's step `name` (its `data-step`) if it is folded, as the officer would: by
 *  tapping its summary. Returns the number of taps it took (0 or 1). */
export async function openStep(page, name) {
  return openStepOf(page, `[data-step=${name}]`, true);
}

/** Unfolds the step that holds `selector` (or, with `isStep`, is it) if it is folded; 0 or 1 taps.
 *  A form without steps (an older build) takes none. */
export async function openStepOf(page, selector, isStep = false) {
  const step = page.locator(isStep ? `details.step${selector}` : `details.step:has(${selector})`);
  if ((await step.count()) === 0 || (await step.getAttribute("open")) !== null) return 0;
  await step.locator("> summary").click();
  await page.waitForSelector(`details.step[open]${isStep ? selector : `:has(${selector})`}`);
  return 1;
}

/** Submits the open capture; when the unticked critical checklist items are listed first, sends anyway.
 * A list already shown for the checklist as it stands means the next submit sends at once. */
export async function submitAnyway(page) {
  const listedBefore = await page.$("[data-testid=unticked-critical]");
  await page.click("[data-testid=submit]");
  if (!listedBefore) {
    const shown = await page.waitForSelector("[data-testid=capture-status], [data-testid=unticked-critical]");
    if ((await shown.getAttribute("data-testid")) === "unticked-critical") {
      await page.click("[data-testid=submit]");
    }
  }
  await page.waitForSelector("[data-testid=capture-status]");
}

/** The desk's stored copy of a capture, fetched from the page (same origin). */
export async function storedCapture(page, id) {
  return page.evaluate(async (id) => (await fetch(`/api/v1/captures/${id}`)).json(), id);
}

/** The SPOC's key as the device keeps it (`{kid, public_key}`), or null before it has one. */
export async function sealKeyOnDevice(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open("spoc-field");
    open.onsuccess = () => {
      const get = open.result.transaction("settings").objectStore("settings").get("seal.key");
      get.onsuccess = () => { open.result.close(); resolve(get.result === undefined ? null : JSON.parse(get.result)); };
    };
  }));
}

/** Waits until the device's key is not `previousKid` (by default: until it has one at all). The
 *  device fetches the SPOC's key at its first contact and after each sync round. */
export async function waitForSealKey(page, previousKid = undefined) {
  const until = Date.now() + 15_000;
  for (;;) {
    const key = await sealKeyOnDevice(page);
    if (key !== null && key.kid !== previousKid) return key;
    if (Date.now() > until) throw new Error(`the device's seal key is still ${JSON.stringify(key)}`);
    await page.waitForTimeout(100);
  }
}

/**
 * A desk, a browser context on it with the app installed (service worker in control), settings filled
 * and, unless `signedIn` is false, an officer signed in.
 */
export async function session(
  browser, contextOptions = {}, { signedIn = true, fakeClock = false, privateWindow = false, host = "127.0.0.1", windowStorage, appDir } = {},
) {
  const port = await freePort();
  const dbPath = tempDatabase();
  const officerPassword = addAccount(dbPath, "officer.e2e", "officer");
  let desk = await startDesk({ port, dbPath, appDir });
  // `localhost` where WebAuthn is needed: it refuses IP addresses.
  const options = { baseURL: `http://${host}:${port}`, ...contextOptions };
  const context = privateWindow ? await browser.newContext(options) : await normalWindow(options);
  // Time still flows, but a test can jump ahead (`page.clock.fastForward`).
  if (fakeClock) await context.clock.install();
  // The app's test hook (src/storage_health.rs): a verdict on the window instead of the machine's quota.
  if (windowStorage) await context.addInitScript((v) => { globalThis.__spocWindowStorage = v; }, windowStorage);
  const page = await context.newPage();
  await page.goto("/");
  await waitForServiceWorker(page);
  if (signedIn) await signInByApi(page, "officer.e2e", officerPassword);
  await fillSettings(page);
  await openHome(page);
  await waitForSealKey(page);
  return {
    page, dbPath, port, context, officerPassword,
    stop: async () => stopDesk(desk),
    start: async () => { desk = await startDesk({ port, dbPath, appDir }); },
    close: async () => { await context.close(); await stopDesk(desk); },
  };
}

/**
 * What keeps the page from working one-handed on a phone: the page wider than the window, text wider
 * than the box it sits in (clipped or spilling out), and touch targets under 44 × 44 px (a tick box
 * or radio inside its label counts as the label; text inputs as their box).
 */
export async function fitsPhone(page) {
  return page.evaluate(() => {
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden"
      && !el.closest(".visually-hidden");
    const named = (el) => `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ")[0] : ""} ${(el.textContent || el.value || el.id || "").trim().slice(0, 30)}`;
    // Inside a box hidden for screen readers only (clip: a 1 px window), nothing is meant to fit.
    const clipped = (el) => { for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).clip !== "auto") return true; return false; };
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    // Where it comes from: the innermost elements reaching past the window's right edge.
    const past = [...document.querySelectorAll("body *")].filter(shown)
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((el) => ![...el.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1))
      .slice(0, 3).map(named);
    const small = [...document.querySelectorAll("a, button, summary, label.choice, input, select, textarea")]
      .filter(shown)
      .filter((el) => !(el.matches("input[type=checkbox], input[type=radio]") && el.closest("label.choice")))
      .filter((el) => { const r = el.getBoundingClientRect(); return r.height < 44 || r.width < 44; })
      .map(named);
    // Content wider than its box: text or a child (a badge, a label) running past an element's
    // padding box, clipped or spilling out; the innermost such box is named. Form fields scroll their
    // value by design, and a box that scrolls sideways on purpose (overflow auto) is not clipping.
    const spills = [...document.querySelectorAll("body *")]
      .filter(shown)
      .filter((el) => !el.matches("input, select, textarea, option, svg, svg *"))
      .filter((el) => getComputedStyle(el).display !== "inline" && !["auto", "scroll"].includes(getComputedStyle(el).overflowX))
      .filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
      .filter((el) => !clipped(el));
    const wide = spills.filter((el) => !spills.some((other) => other !== el && el.contains(other)))
      .map((el) => `${named(el)} (${el.scrollWidth} > ${el.clientWidth})`);
    return { overflow: overflow > 0 ? `${overflow} px: ${past.join("; ")}` : 0, small, wide };
  });
}

/** What a phone-fitting page returns from `fitsPhone`. */
export const FITS = { overflow: 0, small: [], wide: [] };

/** axe-core's findings on the page against WCAG 2.1 A and AA, one line each: rule, impact, where. */
export async function accessibilityViolations(page) {
  // Legacy mode: axe runs in the page itself (the app has no frames) and opens no second page.
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .setLegacyMode(true)
    .analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")}`));
}
