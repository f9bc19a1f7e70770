// The officer's app as a person uses it, over WebDriver: the same steps in every engine. The desk is
// the real one (debug build) on loopback, over TLS with a certificate made for the test where the
// engine needs it (WebKit drops `Secure` cookies on http://localhost, so sign-in needs HTTPS there).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { By } from "selenium-webdriver";
import { addAccount, DESK_BINARY, freePort, PASSPHRASE, startDesk, stopDesk, tempDatabase } from "../e2e/support.mjs";
import { startEngine } from "./engines.mjs";
import { Page } from "./page.mjs";

export const VAULT_PASSPHRASE = "webdriver vault passphrase";

/** Whether this desk build serves HTTPS itself (`--tls-cert`, `--tls-key`). */
export function deskSpeaksTls(binary = DESK_BINARY) {
  return execFileSync(binary, ["--help"]).toString().includes("--tls-cert");
}

/** A self-signed certificate for 127.0.0.1 and localhost, made with openssl for this run only. */
export function makeCertificate() {
  const dir = mkdtempSync(join(tmpdir(), "spoc-tls-"));
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=spoc-test",
    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
  ], { stdio: "ignore" });
  return { cert, key, pem: readFileSync(cert) };
}

/** A request to the desk from the test itself (an admin's), with the session cookie it got. */
export async function deskRequest(desk, method, path, { body, cookie } = {}) {
  const url = new URL(path, desk.base);
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method,
      ca: desk.tls?.pem,
      headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
      timeout: 15_000,
    }, (res) => {
      let text = "";
      res.on("data", (chunk) => { text += chunk; });
      res.on("end", () => {
        const setCookie = (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
        resolve({ status: res.statusCode, json: text ? JSON.parse(text) : null, cookie: setCookie || cookie });
      });
    });
    req.on("timeout", () => req.destroy(new Error(`${method} ${path}: no answer within 15 s`)));
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** An admin account, signed in with its one-time password replaced; returns its cookie. */
export async function signInAdmin(desk) {
  const oneTime = addAccount(desk.dbPath, "admin.wd", "admin");
  const login = await deskRequest(desk, "POST", "/api/v1/session", { body: { username: "admin.wd", password: oneTime } });
  if (login.status !== 200) throw new Error(`admin sign-in: ${login.status}`);
  const change = await deskRequest(desk, "PUT", "/api/v1/session/password", {
    body: { current_password: oneTime, new_password: PASSPHRASE }, cookie: login.cookie,
  });
  if (change.status !== 204) throw new Error(`admin password change: ${change.status}`);
  return login.cookie;
}

/** The desk for one journey: its own database, an officer account, TLS when asked. */
export async function startJourneyDesk({ tls }) {
  const port = await freePort();
  const dbPath = tempDatabase();
  const officerPassword = addAccount(dbPath, "officer.wd", "officer");
  const certificate = tls ? makeCertificate() : null;
  const args = certificate ? ["--tls-cert", certificate.cert, "--tls-key", certificate.key] : [];
  // SPOC_DIST: another build of the app to serve (e.g. an older one, to see a test fail on it).
  const options = { port, dbPath, args, ...(process.env.SPOC_DIST ? { appDir: process.env.SPOC_DIST } : {}) };
  const desk = {
    port, dbPath, officerPassword, tls: certificate,
    base: `${tls ? "https" : "http"}://127.0.0.1:${port}/`,
    process: await startDesk(options),
  };
  desk.stop = () => stopDesk(desk.process);
  desk.start = async () => { desk.process = await startDesk(options); };
  return desk;
}

/** A browser of `engine` on a desk of its own. `close()` stops both. */
export async function journey(engine, { tls }) {
  const desk = await startJourneyDesk({ tls });
  let browser;
  try {
    browser = await startEngine(engine);
  } catch (e) {
    await desk.stop();
    throw e;
  }
  const page = new Page(browser.driver, desk.base);
  return {
    desk, page, browser,
    close: async () => {
      try {
        await browser.quit();
      } finally {
        await desk.stop();
      }
    },
  };
}

/** Waits until a service worker controls the page: from then on the app loads without the desk. */
export async function waitForServiceWorker(page) {
  await page.run(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    }
  });
}

/** Signs the browser in through the API, from the page (so the browser keeps the cookie), and
 *  replaces the one-time password. */
export async function signInFromPage(page, username, oneTimePassword) {
  const statuses = await page.run(async (username, oneTimePassword, passphrase) => {
    const json = { "content-type": "application/json" };
    const login = await fetch("/api/v1/session", { method: "POST", headers: json, body: JSON.stringify({ username, password: oneTimePassword }) });
    const change = await fetch("/api/v1/session/password", {
      method: "PUT", headers: json, body: JSON.stringify({ current_password: oneTimePassword, new_password: passphrase }),
    });
    const me = await fetch("/api/v1/session");
    return [login.status, change.status, me.status];
  }, username, oneTimePassword, PASSPHRASE);
  if (statuses.join() !== "200,204,200") throw new Error(`sign-in from the page: ${statuses}`);
}

const SHOWN = "[data-testid=new-capture], [data-testid=lock-screen], [data-testid=set-passphrase], form.capture, [data-testid=capture-status]";

/** Waits for the app to show a page; unlocks the lock screen (or sets the first passphrase). */
export async function unlock(page) {
  const which = await (await page.waitFor(SHOWN)).getAttribute("data-testid");
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
  await page.waitGone("[data-testid=lock-screen], [data-testid=set-passphrase]");
}

/** Home, unlocked, reached by loading the page. */
export async function openHome(page) {
  await page.goto("/");
  await unlock(page);
  await page.waitFor("[data-testid=new-capture]");
}

/** Settings, filled in and saved ("Gem"): a read-write transaction on the `settings` store. */
export async function saveSettings(page, name = "Test Betjent") {
  await page.click("nav.bottombar a[href='/settings']");
  await page.fill("#officer-name", name);
  await page.fill("#badge-number", "12345");
  await page.select("#district", "koebenhavn");
  await page.fill("#officer-phone", "+4511223344");
  await page.click("form.settings button[type=submit]");
  await page.waitFor("[data-testid=settings-saved]", 10_000);
}

/** Fills one capture through the UI, from home reached by the app's own link, and submits it. */
export async function captureThroughUi(page, { journal, handle }) {
  await page.click("a.brand");
  await unlock(page);
  await page.click("[data-testid=new-capture]");
  const id = await page.waitUntil(async () => (await page.driver.getCurrentUrl()).match(/\/capture\/([0-9a-f-]{36})$/)?.[1], "a capture's address");
  await page.click("input[name=case-type][value=sextortion]");
  await page.fill("#journal-number", journal);
  await page.click("#flag-minor");
  await page.fill("#identifier-0", handle);
  await page.waitFor(".parsed.ok");
  await page.clickElement(await page.driver.findElement(By.xpath("//button[normalize-space()='Tilføj indhold']")));
  await page.fill("textarea[id^=item-]", "https://example.invalid/evidence?x=1");
  await page.click("[data-testid=submit]");
  const shown = await page.waitFor("[data-testid=capture-status], [data-testid=unticked-critical]");
  if ((await shown.getAttribute("data-testid")) === "unticked-critical") {
    await page.click("[data-testid=submit]");
    await page.waitFor("[data-testid=capture-status]");
  }
  return id;
}

/** Every object store of the app's database with its keys, read past the app. */
export async function storeKeys(page) {
  return page.run(() => new Promise((resolve, reject) => {
    const open = indexedDB.open("spoc-field");
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, "readonly");
      const keys = {};
      for (const name of names) {
        const req = tx.objectStore(name).getAllKeys();
        req.onsuccess = () => { keys[name] = req.result; };
      }
      tx.oncomplete = () => { db.close(); resolve(keys); };
    };
  }));
}

/** Waits until the device holds the SPOC's public key (fetched at its first contact with the desk). */
export async function waitForSealKey(page) {
  await page.waitUntil(async () => (await storeKeys(page)).settings?.includes("seal.key"), "the SPOC's key on the device");
}
