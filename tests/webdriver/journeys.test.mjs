// The officer's core journeys, written once and run in every engine an officer's phone may have:
// Chromium (Android), Firefox and WebKit (every iPhone), each over W3C WebDriver. `SPOC_ENGINES`
// picks engines (default: all three). Each journey gets a desk and a fresh browser profile of its own.
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { countRows } from "../e2e/support.mjs";
import {
  captureThroughUi, deskRequest, deskSpeaksTls, journey, openHome, saveSettings, signInAdmin, signInFromPage, storeKeys,
  unlock, waitForSealKey, waitForServiceWorker,
} from "./app.mjs";
import { selectedEngines } from "./engines.mjs";

/** Another site on loopback, for leaving the app and coming back. */
let elsewhere;
before(async () => {
  elsewhere = createServer((_, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<!doctype html><title>Another site</title><h1 id=elsewhere>Another site</h1>");
  });
  elsewhere.listen(0, "127.0.0.1");
  await once(elsewhere, "listening");
});
after(() => elsewhere?.close());
const elsewhereUrl = () => `http://127.0.0.1:${elsewhere.address().port}/`;

/** From home (unlocked): hiding it puts the lock screen up, whose vault read is the transaction that
 *  could be frozen with the page. */
async function leaveForAnotherSite(page) {
  await page.click("a.brand");
  await page.waitFor("[data-testid=new-capture]");
  await page.driver.get(elsewhereUrl());
  await page.waitFor("#elsewhere");
}

/** Hidden as when the officer switches app or turns the screen off (no navigation). */
async function setHidden(page, hidden) {
  await page.run((hidden) => {
    Object.defineProperty(document, "visibilityState", { value: hidden ? "hidden" : "visible", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
}

/** Settings filled in and the officer signed in, as on a device in service; home unlocked. */
async function readyDevice(j) {
  const { page, desk } = j;
  await page.goto("/");
  await waitForServiceWorker(page);
  await signInFromPage(page, "officer.wd", desk.officerPassword);
  await openHome(page);
  await saveSettings(page);
  await waitForSealKey(page);
  await page.click("a.brand");
  await page.waitFor("[data-testid=new-capture]");
}

const TLS_SUPPORTED = deskSpeaksTls();

for (const engine of selectedEngines()) {
  // WebKit refuses `Secure` cookies on http://localhost: its journeys run over TLS. Until the desk
  // serves TLS itself, WebKit runs only the journeys that need no sign-in.
  const tls = engine === "webkit" && TLS_SUPPORTED;
  const signIn = engine !== "webkit" || tls ? {} : { skip: "this desk build serves no TLS: WebKit cannot keep a session" };
  const start = () => journey(engine, { tls });

  describe(engine, () => {
    test("installs; with the desk stopped it reloads, takes a passphrase and opens the guidance", async () => {
      const j = await start();
      try {
        const { page, desk } = j;
        await page.goto("/");
        await waitForServiceWorker(page);
        await desk.stop();
        await page.reload();
        await unlock(page); // the first passphrase on this device, from the cached shell
        await page.waitFor("[data-testid=new-capture]");
        await page.click("section.start a[href='/guidance']"); // tap 1
        await page.click("a[href='/guidance/case/sextortion']"); // tap 2
        assert.match(await page.text("[data-testid=donts] [data-item='sextortion.dont-pay']"), /Betal ikke/);
        await page.click("nav.bottombar a[href='/guidance']");
        assert.equal(await page.attribute("[data-testid=call-duty]", "href"), "tel:114");
      } finally {
        await j.close();
      }
    });

    test("leaving for another site and coming back (back/forward cache) leaves nothing waiting forever", async () => {
      const j = await start();
      try {
        const { page } = j;
        await page.goto("/");
        await waitForServiceWorker(page);
        await openHome(page);
        await saveSettings(page, "Before leaving");

        // Another site in the same tab; the app opened again by its address while the old page may
        // sit in the back/forward cache. A transaction frozen with that page would hold the
        // `settings` store: saving would then wait forever.
        await page.run(() => { window.spocMark = "first page"; });
        await leaveForAnotherSite(page);
        await openHome(page);
        await saveSettings(page, "Opened again");

        // Back to the cached page: it comes back locked, its lock screen reads the vault, and
        // every store operation works.
        await page.run(() => { window.spocMark = "second page"; });
        await leaveForAnotherSite(page);
        await page.driver.navigate().back();
        await page.waitFor("[data-testid=lock-screen]");
        const restored = await page.run(() => window.spocMark === "second page");
        console.log(`# ${engine}: ${restored ? "restored from the back/forward cache" : "loaded again (not cached)"}`);
        await unlock(page);
        await saveSettings(page, "After coming back");
        assert.equal(await page.run(() => document.querySelector("#officer-name").value), "After coming back");
        if (engine === "webkit") assert.ok(restored, "WebKit kept the page in its back/forward cache");
      } finally {
        await j.close();
      }
    });

    test("captured offline, it arrives exactly once with its receipt; hidden → locked → unlocked → submitted", signIn, async () => {
      const j = await start();
      try {
        const { page, desk } = j;
        await readyDevice(j);
        await desk.stop();
        await page.reload();
        await unlock(page); // the shell from the service worker; the passphrase again after a load
        const first = await captureThroughUi(page, { journal: "0100-80000-00001-26", handle: "https://www.tiktok.com/@Some.User?lang=da" });
        assert.equal(await page.attribute("[data-testid=capture-status]", "data-state"), "queued");
        await page.waitFor("[data-testid=sync-waiting][data-count='1']");
        assert.deepEqual(countRows(desk.dbPath), [0, 0]);

        await desk.start();
        await page.waitFor("[data-testid=capture-status][data-state=synced]", 60_000);
        const seq = await page.text("[data-testid=server-seq]");
        assert.match(seq, /^\d+$/);
        assert.deepEqual(countRows(desk.dbPath), [1, 1]);

        // Hidden: locked at once, the draft's content off the screen; unlocked, the draft is back.
        await page.click("a.brand");
        await page.click("[data-testid=new-capture]");
        await page.fill("#journal-number", "0100-80000-00002-26");
        await page.waitFor("[data-testid=save-state]");
        // While hidden the lock screen does not read the vault yet (no IndexedDB work while the page
        // may be frozen); shown again, it does.
        await setHidden(page, true);
        await page.waitGone("form.capture");
        assert.ok(!(await page.driver.getPageSource()).includes("0100-80000-00002-26"), "the draft is still on screen");
        await setHidden(page, false);
        await page.waitFor("[data-testid=lock-screen]");
        await page.fill("#unlock-passphrase", "not the passphrase at all");
        await page.click("[data-testid=unlock]");
        assert.match(await page.text("[data-testid=lock-screen] [role=alert]"), /Forkert adgangssætning/);
        await unlock(page);
        await page.waitFor("form.capture");
        const second = await captureThroughUi(page, { journal: "0100-80000-00003-26", handle: "tiktok.com/@other.user" });
        await page.waitFor("[data-testid=capture-status][data-state=synced]", 60_000);
        assert.notEqual(first, second);
        assert.deepEqual(countRows(desk.dbPath), [2, 2]);
      } finally {
        await j.close();
      }
    });

    test("a revoked device delivers what is queued, then wipes everything it holds", signIn, async () => {
      const j = await start();
      try {
        const { page, desk } = j;
        await readyDevice(j);
        await captureThroughUi(page, { journal: "0100-80000-00020-26", handle: "https://www.tiktok.com/@first.one" });
        await page.waitFor("[data-testid=capture-status][data-state=synced]", 60_000);

        const admin = await signInAdmin(desk);
        const devices = await deskRequest(desk, "GET", "/api/v1/devices", { cookie: admin });
        const mine = devices.json.filter((d) => d.owner === "officer.wd");
        assert.equal(mine.length, 1, JSON.stringify(devices.json));
        const revoked = await deskRequest(desk, "POST", `/api/v1/devices/${mine[0].device_id}/revoke`, {
          body: { discard_queue: false }, cookie: admin,
        });
        assert.equal(revoked.status, 200);

        await page.reload();
        await page.waitFor("[data-testid=withdrawn]", 30_000);
        const keys = await storeKeys(page);
        for (const store of ["drafts", "captures", "outbox", "device"]) assert.deepEqual(keys[store], [], store);
        const publicKeys = ["guidance.pack", "seal.key"];
        assert.deepEqual(keys.settings.filter((k) => !publicKeys.includes(k)), [], JSON.stringify(keys.settings));
        assert.deepEqual(countRows(desk.dbPath), [1, 1]);
      } finally {
        await j.close();
      }
    });
  });
}
