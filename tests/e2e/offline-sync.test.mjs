// The foundation, end to end, as an officer meets it: the app loads with the desk down, a capture made
// offline waits in the outbox, and once the desk is back it arrives exactly once — no "sync" click.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { captureThroughUi, countRows, launchBrowser, openHome, session, storedCapture, unlock } from "./support.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const offlineSession = () => session(browser);

test("a capture made with the desk stopped arrives exactly once when it returns", async () => {
  const s = await offlineSession();
  try {
    await s.stop();
    await s.page.reload();
    await unlock(s.page); // the app shell came from the service worker

    const id = await captureThroughUi(s.page, { journal: "0100-80000-00001-26", handle: "https://www.tiktok.com/@Some.User?lang=da" });
    assert.equal(await s.page.getAttribute("[data-testid=capture-status]", "data-state"), "queued");
    await s.page.waitForSelector("[data-testid=sync-waiting][data-count='1']");
    assert.deepEqual(countRows(s.dbPath), [0, 0]);

    await s.start();
    await s.page.waitForSelector("[data-testid=capture-status][data-state=synced]", { timeout: 60_000 });
    const seq = await s.page.textContent("[data-testid=server-seq]");
    assert.match(seq, /^\d+$/);
    assert.equal(await s.page.getAttribute("[data-testid=sync-waiting]", "data-count"), "0");
    assert.deepEqual(countRows(s.dbPath), [1, 1]);

    const stored = await storedCapture(s.page, id);
    assert.equal(stored.receipt.server_seq, Number(seq));
    assert.deepEqual(stored.capture.identifiers[0].parsed, { platform: "tiktok", kind: "username", value: "@some.user" });
  } finally {
    await s.close();
  }
});

test("twenty captures queued offline give twenty rows, no duplicates", async () => {
  const s = await offlineSession();
  try {
    await s.stop();
    await s.page.reload();
    const ids = [];
    for (let i = 0; i < 20; i++) {
      ids.push(await captureThroughUi(s.page, { journal: `0100-80000-${String(i).padStart(5, "0")}-26`, handle: `tiktok.com/@user_${i}` }));
    }
    assert.equal(new Set(ids).size, 20);
    await openHome(s.page);
    await s.page.waitForSelector("[data-testid=sync-waiting][data-count='20']");
    assert.deepEqual(countRows(s.dbPath), [0, 0]);

    await s.start();
    await s.page.waitForSelector("[data-testid=sync-waiting][data-count='0']", { timeout: 90_000 });
    assert.deepEqual(countRows(s.dbPath), [20, 20]);
    await s.page.waitForFunction(() =>
      [...document.querySelectorAll("[data-testid=sent-capture]")].filter((li) => li.dataset.state === "synced").length === 20,
      null, { timeout: 30_000 });
  } finally {
    await s.close();
  }
});
