// What comes back to the officer: a sent capture shows what the SPOC did with it — each move an
// operator makes in another browser context, seen after a refresh trigger (the app shown again), the
// rejection's reason as text only — and, with the desk stopped, the status last seen and when.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { addAccount, captureThroughUi, countRows, launchBrowser, session, signInByApi, unlock } from "./support.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** The app is brought to the front again: the moment the device asks the SPOC what is new. */
async function shownAgain(page) {
  await page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
}

/** An operator signed in on the desk in a browser context of their own, and a workflow move as the
 *  desk's detail page makes it. */
async function operatorIn(context, dbPath) {
  const page = await context.newPage();
  await page.goto("/desk/login");
  await signInByApi(page, "spoc.e2e", addAccount(dbPath, "spoc.e2e", "spoc"));
  const move = (id, from, to, reason) => page.evaluate(async ({ id, body }) => (await fetch(`/api/v1/desk/captures/${id}/status`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  })).status, { id, body: { from, to, ...(reason ? { reason } : {}) } });
  return { page, move };
}

/** Waits until the sent capture's heading says `words`. */
async function headingSays(page, words) {
  await page.waitForFunction(
    (w) => document.querySelector("[data-testid=capture-status] h1")?.textContent.startsWith(w),
    words,
    { timeout: 30_000 },
  );
}

test("the officer sees each move the SPOC makes, the reason as text, and the last seen status offline", async () => {
  const s = await session(browser);
  const operatorContext = await browser.newContext({ baseURL: `http://127.0.0.1:${s.port}` });
  try {
    const id = await captureThroughUi(s.page, { journal: "0100-80000-00021-26", handle: "https://www.tiktok.com/@some.user" });
    while (countRows(s.dbPath)[0] < 1) await new Promise((r) => setTimeout(r, 20));
    // Delivered, then asked about: the SPOC has received it.
    await s.page.waitForSelector("[data-testid=capture-status][data-state=synced]", { timeout: 30_000 });
    await s.page.waitForSelector("[data-testid=spoc-status]", { timeout: 30_000 });
    await headingSays(s.page, "Modtaget af SPOC");
    assert.match(await s.page.textContent("[data-testid=spoc-status]"), /^senest set \d\d\.\d\d\.\d{4} \d\d:\d\d \(.+\)$/);

    const { move } = await operatorIn(operatorContext, s.dbPath);
    assert.equal(await move(id, "received", "preservation_sent"), 200);
    await shownAgain(s.page);
    await headingSays(s.page, "Sikring anmodet");

    // Hostile text in the reason: shown as it is, never made markup or a link.
    const reason = "Dublet af 4471 <b>se</b> https://example.invalid/x";
    assert.equal(await move(id, "preservation_sent", "rejected", reason), 200);
    await shownAgain(s.page);
    await headingSays(s.page, "Afvist");
    const line = await s.page.textContent("[data-testid=spoc-status]");
    assert.ok(line.startsWith(`${reason} · senest set `), line);
    assert.equal(await s.page.$("[data-testid=spoc-status] b, [data-testid=spoc-status] a, a[href*='example.invalid']"), null);

    // Rejected is final: the device stops asking about it. After each round the device asks about
    // itself (revocation) right after asking about its captures, so that request ends a round; the
    // first one waited for may still be the round that fetched the rejection, the second is not.
    const asked = [];
    s.page.on("request", (r) => { if (r.url().endsWith("/api/v1/captures/status")) asked.push(r.url()); });
    for (let round = 0; round < 2; round += 1) {
      const over = s.page.waitForRequest((r) => r.url().includes("/api/v1/devices/"), { timeout: 30_000 });
      await shownAgain(s.page);
      await over;
    }
    assert.deepEqual(asked, [], "no question about a final capture");

    // The list of sent captures says it too.
    await s.page.click("a.brand");
    await s.page.waitForSelector("[data-testid=sent-capture]");
    const listed = await s.page.textContent("[data-testid=sent-capture]");
    assert.ok(listed.includes("Afvist · SPOC-nummer") && listed.includes(reason) && listed.includes("senest set"), listed);

    // Offline: the desk stopped, the app reloaded from its service worker: the last seen status stays.
    await s.stop();
    await s.page.goto(`/capture/${id}`);
    await unlock(s.page);
    await headingSays(s.page, "Afvist");
    assert.ok((await s.page.textContent("[data-testid=spoc-status]")).startsWith(`${reason} · senest set `));
  } finally {
    await operatorContext.close();
    await s.close();
  }
});

test("closed is shown and final too; the officer reads only their own captures' statuses", async () => {
  const s = await session(browser);
  const operatorContext = await browser.newContext({ baseURL: `http://127.0.0.1:${s.port}` });
  try {
    const id = await captureThroughUi(s.page, { journal: "0100-80000-00022-26", handle: "https://www.tiktok.com/@other.user" });
    await s.page.waitForSelector("[data-testid=spoc-status]", { timeout: 30_000 });
    const { page: operator, move } = await operatorIn(operatorContext, s.dbPath);
    assert.equal(await move(id, "received", "closed"), 200);
    await shownAgain(s.page);
    await headingSays(s.page, "Afsluttet");
    // The operator's own question about the officer's capture is answered with nothing.
    const answer = await operator.evaluate(async (id) => (await fetch("/api/v1/captures/status", {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ids: [id] }),
    })).json(), id);
    assert.deepEqual(answer, { statuses: [] });
  } finally {
    await operatorContext.close();
    await s.close();
  }
});
