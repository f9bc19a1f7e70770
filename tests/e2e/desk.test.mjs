// The SPOC desk end to end: an officer's capture reaches an operator's live inbox in another browser
// context, flagged when it shares an account with an earlier capture; a capture made signed out waits
// for the officer to sign in and is then sent.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { addAccount, captureThroughUi, countRows, launchBrowser, session, signInThroughUi } from "./support.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Resolves once the desk's database holds `rows` captures. */
async function untilStored(dbPath, rows) {
  const started = Date.now();
  while (countRows(dbPath)[0] < rows) {
    if (Date.now() - started > 30_000) throw new Error(`the desk never held ${rows} captures`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test("an officer's capture appears in an operator's live inbox within 2 s, flagged as linked", async () => {
  const s = await session(browser);
  const operatorContext = await browser.newContext({ baseURL: `http://127.0.0.1:${s.port}` });
  try {
    const operator = await operatorContext.newPage();
    await signInThroughUi(operator, "spoc.e2e", addAccount(s.dbPath, "spoc.e2e", "spoc"));
    await operator.waitForURL(/\/desk$/);
    await operator.waitForSelector("[data-testid=inbox]");

    const first = await captureThroughUi(s.page, { journal: "0100-80000-00007-26", handle: "https://www.tiktok.com/@shared.offender" });
    await untilStored(s.dbPath, 1);
    const started = Date.now();
    await operator.waitForSelector(`tr[data-id="${first}"]`, { timeout: 2_000 });
    const firstDelay = Date.now() - started;
    assert.equal(await operator.$(`tr[data-id="${first}"] .linked-flag`), null, "nothing to link to yet");

    // The same account, pasted another way, by the same officer later on.
    const second = await captureThroughUi(s.page, { journal: "0100-80000-00008-26", handle: "tiktok.com/@Shared.Offender?lang=da" });
    await untilStored(s.dbPath, 2);
    const again = Date.now();
    await operator.waitForSelector(`tr[data-id="${second}"] .linked-flag[data-count="1"]`, { timeout: 2_000 });
    const secondDelay = Date.now() - again;
    // The earlier capture is flagged too: both are the same offender's.
    await operator.waitForSelector(`tr[data-id="${first}"] .linked-flag[data-count="1"]`, { timeout: 2_000 });
    console.log(`inbox updated ${firstDelay} ms and ${secondDelay} ms after the desk stored the captures`);

    // The detail names the earlier capture; the lookup finds both from a pasted URL.
    await operator.click(`tr[data-id="${second}"] a`);
    await operator.waitForSelector(`[data-testid=links] [data-id="${first}"]`);
    await operator.goto("/desk/lookup");
    await operator.fill("[data-testid=lookup] input[type=text], [data-testid=lookup] input:not([type])", "https://www.tiktok.com/@Shared.Offender?lang=da");
    await operator.click("[data-testid=lookup] button[type=submit]");
    await operator.waitForSelector(`[data-testid=lookup-result] [data-id="${second}"]`);
    assert.ok(await operator.$(`[data-testid=lookup-result] [data-id="${first}"]`));
  } finally {
    await operatorContext.close();
    await s.close();
  }
});

test("a capture made signed out stays queued until the officer signs in, then is sent", async () => {
  const s = await session(browser, {}, { signedIn: false });
  try {
    await captureThroughUi(s.page, { journal: "0100-80000-00009-26", handle: "https://www.tiktok.com/@some.user" });
    // The desk said 401: the capture waits, and the officer is asked to sign in.
    await s.page.waitForSelector(".sync-signin a[href='/login']");
    await s.page.waitForSelector("[data-testid=sync-waiting][data-count='1']");
    assert.deepEqual(countRows(s.dbPath), [0, 0]);

    await s.page.click(".sync-signin a[href='/login']");
    await signInThroughUi(s.page, "officer.e2e", s.officerPassword);
    await s.page.waitForSelector("[data-testid=sync-waiting][data-count='0']", { timeout: 30_000 });
    assert.deepEqual(countRows(s.dbPath), [1, 1]);
  } finally {
    await s.close();
  }
});

test("an operator opens a capture, sees captured URLs only as text, and moves it along", async () => {
  const s = await session(browser);
  const operatorContext = await browser.newContext({ baseURL: `http://127.0.0.1:${s.port}` });
  try {
    const id = await captureThroughUi(s.page, { journal: "0100-80000-00010-26", handle: "https://www.instagram.com/some.user/" });
    await untilStored(s.dbPath, 1);
    const operator = await operatorContext.newPage();
    await signInThroughUi(operator, "spoc.e2e", addAccount(s.dbPath, "spoc.e2e", "spoc"));
    await operator.waitForURL(/\/desk$/);
    await operator.click(`tr[data-id="${id}"] a`);
    await operator.waitForSelector("[data-testid=desk-capture][data-status=received]");
    // Captured text is shown as text: no link to the captured URL anywhere on the page.
    assert.equal(await operator.$("a[href*='example.invalid']"), null);
    assert.equal(await operator.$("a[href*='instagram.com']"), null);
    await operator.click("[data-testid=desk-capture] button[data-to=triaged]");
    await operator.waitForSelector("[data-testid=desk-capture][data-status=triaged]");
  } finally {
    await operatorContext.close();
    await s.close();
  }
});
