// What protects the officer's device, as the officer meets it: the app locks when hidden or unused,
// drafts and sent captures are unreadable at rest, and the SPOC still receives everything.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  captureThroughUi, deskCommand, launchBrowser, openHome, sealKeyOnDevice, session, storedCapture, submitAnyway, unlock,
  VAULT_PASSPHRASE, waitForSealKey,
} from "./support.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const CANARY = "canary_7f3a9c";

/** Every record of every object store, localStorage and every Cache Storage body, as one text. */
async function everythingAtRest(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open("spoc-field");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const parts = [];
    for (const name of db.objectStoreNames) {
      const all = await new Promise((resolve) => {
        const request = db.transaction(name).objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result);
      });
      for (const value of all) parts.push(`${name}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
    }
    db.close();
    for (const key of Object.keys(localStorage)) parts.push(`localStorage ${key}: ${localStorage.getItem(key)}`);
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) parts.push(`cache ${request.url}: ${await (await cache.match(request)).text()}`);
    }
    return parts.join("\n");
  });
}

async function setHidden(page, hidden) {
  await page.evaluate((hidden) => {
    Object.defineProperty(document, "visibilityState", { value: hidden ? "hidden" : "visible", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  }, hidden);
}

test("lock when hidden → unlock → submit → sync, and nothing captured is readable at rest", async () => {
  const s = await session(browser);
  try {
    const { page } = s;
    await openHome(page);
    await page.click("[data-testid=new-capture]");
    await page.waitForURL(/\/capture\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").pop();
    await page.check("input[name=case-type][value=sextortion]");
    await page.fill("#journal-number", "0100-80000-00077-26");
    await page.fill("#identifier-0", `https://www.tiktok.com/@${CANARY}`);
    await page.waitForSelector(".parsed.ok");
    await page.click("text=Tilføj indhold");
    await page.fill("textarea[id^=item-]", `Besked fra ${CANARY}`);
    await page.waitForTimeout(300); // the autosave of the last keystroke (encrypt, then write)

    // Hidden (another app, the screen off): locked at once, and the content is gone from the screen.
    // The lock screen reads the vault only once the page is shown again (lifecycle.rs).
    await setHidden(page, true);
    await page.waitForSelector("form.capture", { state: "detached" });
    assert.ok(!(await page.content()).includes(CANARY), "captured text still on screen while locked");
    await setHidden(page, false);
    await page.waitForSelector("[data-testid=lock-screen]");
    assert.ok(!(await everythingAtRest(page)).includes(CANARY), "a draft is readable at rest");

    await page.fill("#unlock-passphrase", "not the passphrase at all");
    await page.click("[data-testid=unlock]");
    assert.match(await page.textContent("[data-testid=lock-screen] [role=alert]"), /Forkert adgangssætning/);
    await page.fill("#unlock-passphrase", VAULT_PASSPHRASE);
    await page.click("[data-testid=unlock]");
    // The draft is back as it was.
    await page.waitForSelector("form.capture");
    assert.equal(await page.inputValue("#identifier-0"), `https://www.tiktok.com/@${CANARY}`);

    await submitAnyway(page);
    await page.waitForSelector("[data-testid=capture-status][data-state=synced]", { timeout: 30_000 });
    // The desk opened the envelope: the content arrived whole.
    const stored = await storedCapture(page, id);
    assert.equal(stored.capture.identifiers[0].parsed.value, `@${CANARY}`);
    assert.match(stored.capture.items[0].what, new RegExp(CANARY));

    // On the device only the envelope is left: after a reload nothing can show the content again.
    await page.reload();
    await unlock(page);
    await page.waitForSelector("[data-testid=sealed-note]");
    assert.ok(!(await page.content()).includes(CANARY));
    const atRest = await everythingAtRest(page);
    assert.ok(atRest.includes("0100-80000-00077-26"), "the reader sees the stored stub");
    assert.ok(!atRest.includes(CANARY), "captured text readable at rest after sending");
  } finally {
    await s.close();
  }
});

test("the app locks after the chosen minutes without use", async () => {
  const s = await session(browser, {}, { fakeClock: true });
  try {
    const { page } = s;
    await page.goto("/settings");
    await page.fill("#lock-after", "2");
    await page.click("form.settings button[type=submit]");
    await page.waitForSelector("[data-testid=settings-saved]");
    await openHome(page); // a page load: locked, and unlocked again (the last use)

    await page.clock.fastForward("01:30");
    assert.ok(await page.$("[data-testid=new-capture]"), "locked before the time was up");
    await page.clock.fastForward("00:45");
    await page.waitForSelector("[data-testid=lock-screen]");
  } finally {
    await s.close();
  }
});

test("a private window says why nothing can be captured there, and no capture starts", async () => {
  // Off the record, and told what Safari and Firefox tell for certain: the file system is refused.
  const s = await session(browser, {}, { privateWindow: true, windowStorage: { private: true } });
  try {
    const { page } = s;
    assert.match(await page.textContent("[data-testid=private-window]"), /privat vindue/);
    await page.click("[data-testid=new-capture]");
    assert.match(await page.textContent("[data-testid=start-problem]"), /privat vindue/);
    assert.equal(new URL(page.url()).pathname, "/");
    assert.equal(await page.$("form.capture"), null);
  } finally {
    await s.close();
  }
});

test("an uncertain sign of a private window, or storage not persisted, warns and still captures", async () => {
  const s = await session(browser, {}, { windowStorage: { maybePrivate: true, persisted: false } });
  try {
    const { page } = s;
    const notice = await page.textContent("[data-testid=storage-may-vanish]");
    assert.match(notice, /kan være et privat vindue/);
    assert.match(notice, /ikke lovet at beholde data/);
    assert.equal(await page.$("[data-testid=private-window]"), null);
    await page.click("[data-testid=new-capture]");
    await page.waitForURL(/\/capture\/[0-9a-f-]{36}$/);
    await page.waitForSelector("form.capture");
  } finally {
    await s.close();
  }
});

test("a passkey (WebAuthn PRF) unlocks instead of the passphrase, and opens the same drafts", async () => {
  const s = await session(browser, {}, { host: "localhost" });
  try {
    const { page, context } = s;
    // The phone's platform authenticator, as Chromium's DevTools protocol simulates it.
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true,
        isUserVerified: true, automaticPresenceSimulation: true, hasPrf: true,
      },
    });
    await page.click("[data-testid=new-capture]");
    await page.waitForURL(/\/capture\/[0-9a-f-]{36}$/);
    const draft = page.url();
    await page.fill("#journal-number", "0100-80000-00088-26");
    await page.waitForTimeout(300); // the autosave

    await page.click("nav.bottombar a[href='/settings']"); // in-app: still unlocked
    await page.fill("#passkey-passphrase", "not the passphrase at all");
    await page.click("[data-testid=add-passkey]");
    assert.match(await page.textContent("[data-testid=passkey] [role=alert]"), /Forkert adgangssætning/);
    await page.fill("#passkey-passphrase", VAULT_PASSPHRASE);
    await page.click("[data-testid=add-passkey]");
    await page.waitForSelector("[data-testid=passkey-ready]");

    await page.goto(draft); // a page load: locked
    await page.click("[data-testid=unlock-passkey]");
    await page.waitForSelector("form.capture");
    assert.equal(await page.inputValue("#journal-number"), "0100-80000-00088-26");
  } finally {
    await s.close();
  }
});

test("after a key rotation a capture sealed to the old key still arrives, and the next is sealed to the new one", async () => {
  const s = await session(browser);
  try {
    const { page } = s;
    const oldKid = (await sealKeyOnDevice(page)).kid;
    await s.stop();
    const queued = await captureThroughUi(page, { journal: "0100-80000-00090-26", handle: "https://www.tiktok.com/@before.rotation" });
    // While the desk is down its operator rotates the key (the command works on the database).
    const rotated = deskCommand(s.dbPath, ["key", "rotate"]);
    assert.ok(!rotated.includes(oldKid), rotated);
    await s.start();
    await page.waitForSelector("[data-testid=capture-status][data-state=synced]", { timeout: 30_000 });
    assert.equal((await storedCapture(page, queued)).capture.journal_number, "0100-80000-00090-26");

    // The device fetches the new key after its sync round.
    const newKid = (await waitForSealKey(page, oldKid)).kid;
    assert.ok(rotated.includes(newKid), `${rotated} / ${newKid}`);
    const next = await captureThroughUi(page, { journal: "0100-80000-00091-26", handle: "https://www.tiktok.com/@after.rotation" });
    await page.waitForSelector("[data-testid=capture-status][data-state=synced]", { timeout: 30_000 });
    assert.equal((await storedCapture(page, next)).capture.journal_number, "0100-80000-00091-26");
  } finally {
    await s.close();
  }
});

test("a forgotten passphrase: starting over deletes the drafts and ends the desk session", async () => {
  const s = await session(browser);
  try {
    const { page } = s;
    await page.click("[data-testid=new-capture]");
    await page.waitForURL(/\/capture\/[0-9a-f-]{36}$/);
    await page.fill("#journal-number", "0100-80000-00099-26");
    await page.waitForTimeout(300); // the autosave

    await page.goto("/");
    assert.match(await page.textContent("[data-testid=locked-drafts]"), /^1 /);
    await page.click("details.forgot summary");
    await page.fill("#reset-passphrase", "a brand new passphrase");
    await page.fill("#reset-passphrase-repeat", "a brand new passphrase");
    await page.click("[data-testid=reset-passphrase-save]");

    await page.waitForSelector("[data-testid=new-capture]");
    await page.waitForSelector("[data-testid=no-drafts]");
    await page.waitForFunction(async () => (await fetch("/api/v1/session")).status === 401);
  } finally {
    await s.close();
  }
});
