// The device: what the officer is told about its storage (persistence and space on the settings page,
// the install advice on an iPhone, where Safari wipes the storage of sites not on the home screen),
// and revocation by an admin, which wipes it after its queue is delivered or at once.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, test } from "node:test";
import {
  addAccount, captureThroughUi, countRows, launchBrowser, openHome, PASSPHRASE, session, signInByApi, signInThroughUi,
} from "./support.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test("the settings page shows whether storage is persistent and how much is used", async () => {
  const s = await session(browser, { viewport: { width: 360, height: 740 } });
  try {
    await s.page.goto("/settings");
    const persisted = await s.page.getAttribute("[data-testid=storage-persisted]", "data-persisted");
    assert.ok(persisted === "true" || persisted === "false");
    const used = await s.page.textContent("[data-testid=storage-used]");
    assert.match(used, /\d+ MB \/ \d+ MB \(\d+ %\)/);
    // Not persisted: the officer can ask (the browser decides).
    if (persisted === "false") assert.ok(await s.page.$("[data-testid=storage] button"));
    // Far from full: no warning.
    assert.equal(await s.page.$("[data-testid=storage-warning]"), null);
    assert.equal(await s.page.$("[data-testid=install-advice]"), null, "not an iPhone");
  } finally {
    await s.close();
  }
});

test("on an iPhone in a Safari tab the app says to add it to the home screen", async () => {
  const s = await session(browser, {
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
  });
  try {
    await openHome(s.page);
    const advice = await s.page.textContent("[data-testid=install-advice]");
    assert.match(advice, /hjemmeskærm/);
  } finally {
    await s.close();
  }
});

/** Signs the page's context in with the passphrase (after the one-time password was replaced). */
async function signInAgain(page, username) {
  const status = await page.evaluate(async ({ username, password }) => (await fetch("/api/v1/session", {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }),
  })).status, { username, password: PASSPHRASE });
  assert.equal(status, 200);
}

async function signOut(page) {
  assert.equal(await page.evaluate(async () => (await fetch("/api/v1/session", { method: "DELETE" })).status), 204);
}

/** Every object store of the app's database, with its keys. */
async function storeKeys(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
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

/** An admin, signed in through the sign-in page, revokes the officer's one device on the accounts page. */
async function revokeOnAccountsPage(s) {
  const admin = await s.context.browser().newContext({ baseURL: `http://127.0.0.1:${s.port}` });
  try {
    const page = await admin.newPage();
    await signInThroughUi(page, "admin.e2e", addAccount(s.dbPath, "admin.e2e", "admin"));
    await page.waitForURL(/\/desk\/accounts$/);
    await page.click("[data-testid=devices] li[data-revoked=false] button[data-action=revoke]");
    await page.waitForSelector("[data-testid=devices] li[data-revoked=true]");
  } finally {
    await admin.close();
  }
}

/** An admin, signed in through the API in a context of its own; revokes the officer's one device. */
async function revokeOfficerDevice(s, discardQueue) {
  const admin = await s.context.browser().newContext({ baseURL: `http://127.0.0.1:${s.port}` });
  try {
    const page = await admin.newPage();
    await page.goto("/api/v1/health");
    await signInByApi(page, "admin.e2e", addAccount(s.dbPath, "admin.e2e", "admin"));
    return await page.evaluate(async (discard) => {
      const devices = await (await fetch("/api/v1/devices")).json();
      const mine = devices.filter((d) => d.owner === "officer.e2e");
      if (mine.length !== 1) throw new Error(`expected one device: ${JSON.stringify(devices)}`);
      const answer = await fetch(`/api/v1/devices/${mine[0].device_id}/revoke`, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ discard_queue: discard }),
      });
      return answer.status;
    }, discardQueue);
  } finally {
    await admin.close();
  }
}

/**
 * Nothing of the officer's is left; the restarted app may have fetched the public guidance pack and
 * the SPOC's public key again.
 */
function assertWiped(keys) {
  for (const store of ["drafts", "captures", "outbox", "device"]) assert.deepEqual(keys[store], [], store);
  const public_ = ["guidance.pack", "seal.key"];
  assert.deepEqual(keys.settings.filter((k) => !public_.includes(k)), [], JSON.stringify(keys.settings));
}

test("a revoked device delivers what is queued, then wipes everything it holds", async () => {
  const s = await session(browser);
  try {
    await captureThroughUi(s.page, { journal: "0100-80000-00020-26", handle: "https://www.tiktok.com/@first.one" });
    await s.page.waitForSelector("[data-testid=capture-status][data-state=synced]");
    // Signed out, the next capture waits on the device.
    await signOut(s.page);
    await captureThroughUi(s.page, { journal: "0100-80000-00021-26", handle: "https://www.tiktok.com/@second.one" });
    await s.page.waitForSelector("[data-testid=sync-waiting][data-count='1']");
    await revokeOnAccountsPage(s);

    await signInAgain(s.page, "officer.e2e");
    await s.page.reload();
    await s.page.waitForSelector("[data-testid=withdrawn]", { timeout: 30_000 });
    assert.deepEqual(countRows(s.dbPath), [2, 2], "the queued capture was delivered before the wipe");
    assertWiped(await storeKeys(s.page));
    // Cache Storage was emptied; the service worker may open its (empty) shell cache again, and never
    // holds an API answer.
    const cached = await s.page.evaluate(async () => (await Promise.all(
      (await caches.keys()).map(async (name) => (await (await caches.open(name)).keys()).map((r) => r.url)),
    )).flat());
    assert.deepEqual(cached.filter((url) => url.includes("/api/")), []);
    // localStorage: the withdrawn notice, and the language the restarted app wrote again.
    const local = await s.page.evaluate(() => Object.keys(localStorage).sort());
    assert.deepEqual(local, ["spoc-field.lang", "spoc.withdrawn"]);
  } finally {
    await s.close();
  }
});

test("a device revoked with its queue discarded wipes at once and the desk takes nothing more", async () => {
  const s = await session(browser);
  try {
    await captureThroughUi(s.page, { journal: "0100-80000-00022-26", handle: "https://www.tiktok.com/@first.one" });
    await s.page.waitForSelector("[data-testid=capture-status][data-state=synced]");
    await signOut(s.page);
    await captureThroughUi(s.page, { journal: "0100-80000-00023-26", handle: "https://www.tiktok.com/@second.one" });
    await s.page.waitForSelector("[data-testid=sync-waiting][data-count='1']");
    assert.equal(await revokeOfficerDevice(s, true), 200);

    await signInAgain(s.page, "officer.e2e");
    await s.page.reload();
    await s.page.waitForSelector("[data-testid=withdrawn]", { timeout: 30_000 });
    assert.deepEqual(countRows(s.dbPath), [1, 1], "the discarded capture never reached the desk");
    assertWiped(await storeKeys(s.page));
  } finally {
    await s.close();
  }
});

test("a capture the desk refused because it lost this device goes through after “Send igen”", async () => {
  const s = await session(browser);
  try {
    await captureThroughUi(s.page, { journal: "0100-80000-00030-26", handle: "https://www.tiktok.com/@first.one" });
    await s.page.waitForSelector("[data-testid=capture-status][data-state=synced]");
    // The desk forgets the device (restored from an older backup, say): the next capture is refused.
    execFileSync("python3", [
      "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('DELETE FROM devices'); c.commit()", s.dbPath,
    ]);
    // (A page load would register the device again by itself: this stays in the running app.)
    await captureThroughUi(s.page, { journal: "0100-80000-00031-26", handle: "https://www.tiktok.com/@second.one", inApp: true });
    await s.page.waitForSelector("[data-testid=capture-status][data-state=refused]", { timeout: 30_000 });
    assert.match(await s.page.textContent("[data-testid=refused-capture]"), /0100-80000-00031-26/);
    assert.deepEqual(countRows(s.dbPath), [1, 1]);

    // A person has seen why and sends it again: the device introduces itself again, the envelope goes.
    await s.page.click("[data-testid=send-again]");
    await s.page.waitForSelector("[data-testid=capture-status][data-state=synced]", { timeout: 30_000 });
    assert.equal(await s.page.$("[data-testid=refused-capture]"), null);
    assert.deepEqual(countRows(s.dbPath), [2, 2]);
  } finally {
    await s.close();
  }
});
