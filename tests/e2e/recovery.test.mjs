// Recovery when the SPOC returns (issue 15). The phone's network never goes away, so no `online` event
// announces the desk's return: the retry schedule alone must bring every queued capture within 30 s,
// and one with danger to life within 10 s, however long the outage was. The page's clock is fake
// (it flows, and the test jumps it ahead), so a 30-minute outage takes seconds.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { captureThroughUi, countRows, launchBrowser, openHome, session } from "./support.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const ZONE = "Europe/Copenhagen";
const pageNow = (page) => page.evaluate(() => Date.now());
const nextTry = async (page) => Number(await page.getAttribute("[data-testid=sync-problem]", "data-next-try"));

/** Waits (in real time, the fake clock flowing) until the loop has set a try later than `after`. */
async function nextTryAfter(page, after) {
  await page.waitForFunction(
    (after) => Number(document.querySelector("[data-testid=sync-problem]")?.dataset.nextTry ?? 0) > after,
    after, { timeout: 30_000 });
  return nextTry(page);
}

/** A long outage, failed try after failed try: first a jump of half an hour, then `tries` more tries,
 *  each as soon as it is due. Every wait the loop sets must be within `ceilingMs`. */
async function outage(page, tries, ceilingMs) {
  await page.clock.fastForward("30:00");
  let next = await nextTryAfter(page, await pageNow(page));
  for (let i = 0; i < tries; i++) {
    const now = await pageNow(page);
    assert.ok(next - now <= ceilingMs + 500, `try ${i}: next try ${next - now} ms away`);
    await page.clock.fastForward(Math.max(0, next - now) + 50);
    next = await nextTryAfter(page, next);
  }
}

/** From now (the desk is up), advances the fake clock a second at a time until the desk holds `rows`
 *  captures; returns the fake milliseconds that took. The desk's own table is the judge: the app may
 *  have locked meanwhile (sealed captures keep syncing while it is locked). */
async function fakeMsUntilDeskHolds(page, dbPath, rows, limitMs) {
  const start = await pageNow(page);
  for (;;) {
    const elapsed = (await pageNow(page)) - start;
    if (countRows(dbPath)[0] >= rows || elapsed > limitMs) return elapsed;
    await page.clock.fastForward(1_000);
    await page.waitForTimeout(50); // let a request that has started finish
  }
}

test("after a long outage a queued capture arrives within 30 s of the SPOC's return, with no click", async () => {
  const s = await session(browser, { timezoneId: ZONE }, { fakeClock: true });
  try {
    const { page } = s;
    await s.stop();
    await captureThroughUi(page, { journal: "0100-80000-00015-26", handle: "https://www.tiktok.com/@recovery.case" });
    await page.waitForSelector("[data-testid=sync-problem][data-problem=unreachable]");

    // What the officer reads: why, since when, the next try, in the device's zone, named.
    const line = await page.textContent("[data-testid=sync-problem]");
    assert.match(line, /^SPOC kan ikke nås siden \d\d:\d\d · næste forsøg \d\d:\d\d:\d\d \(Europe\/Copenhagen\) · gemt på enheden$/);
    assert.ok(await page.isVisible("[data-testid=try-now]"), "Prøv nu is offered while a capture waits");

    await outage(page, 12, 20_000);

    await s.start();
    const ms = await fakeMsUntilDeskHolds(page, s.dbPath, 1, 60_000);
    assert.ok(ms <= 30_000, `arrived ${ms} ms after the SPOC was back`);
    assert.deepEqual(countRows(s.dbPath), [1, 1]);
    await page.waitForSelector("[data-testid=sync-waiting][data-count='0']");
    assert.equal(await page.$("[data-testid=sync-problem]"), null, "nothing is wrong any more");
  } finally {
    await s.close();
  }
});

test("a capture with danger to life arrives within 10 s of the SPOC's return", async () => {
  const s = await session(browser, { timezoneId: ZONE }, { fakeClock: true });
  try {
    const { page } = s;
    await s.stop();
    await openHome(page);
    await page.click("[data-testid=new-capture]");
    await page.waitForURL(/\/capture\/[0-9a-f-]{36}$/);
    await page.check("input[name=case-type][value=threat_to_life]");
    await page.fill("#identifier-0", "https://www.snapchat.com/add/recovery_threat");
    await page.click("[data-testid=send-minimum]");
    await page.waitForSelector("[data-testid=capture-status][data-state=queued]");
    await page.waitForSelector("[data-testid=sync-problem][data-problem=unreachable]");

    await outage(page, 12, 8_000);

    await s.start();
    const ms = await fakeMsUntilDeskHolds(page, s.dbPath, 1, 30_000);
    assert.ok(ms <= 10_000, `arrived ${ms} ms after the SPOC was back`);
  } finally {
    await s.close();
  }
});

test("Prøv nu sends at once, without waiting for the timer", async () => {
  const s = await session(browser, { timezoneId: ZONE }, { fakeClock: true });
  try {
    const { page } = s;
    await s.stop();
    const id = await captureThroughUi(page, { journal: "0100-80000-00016-26", handle: "https://www.tiktok.com/@try.now" });
    await page.waitForSelector("[data-testid=sync-problem][data-problem=unreachable]");
    // English one tap away, the same facts.
    await page.click(".lang-toggle");
    assert.match(await page.textContent("[data-testid=sync-problem]"),
      /^The SPOC cannot be reached since \d\d:\d\d · next try \d\d:\d\d:\d\d \(Europe\/Copenhagen\) · kept on this device$/);
    assert.equal((await page.textContent("[data-testid=try-now]")).trim(), "Try now");

    // The clock stands still: no timer can fire, so only the button can send. A second ahead, not a
    // millisecond: the page's clock runs on while this is asked, and pausing in its past is refused. A
    // timer the jump fires meets the desk still stopped.
    await page.clock.pauseAt((await pageNow(page)) + 1_000);
    await s.start();
    await page.waitForTimeout(1_500); // a timer firing now would be seen: the capture must still wait
    assert.deepEqual(countRows(s.dbPath), [0, 0]);
    await page.click("[data-testid=try-now]");
    await page.waitForSelector("[data-testid=capture-status][data-state=synced]", { timeout: 15_000 });
    assert.match(page.url(), new RegExp(`${id}$`));
    // The receipt's time as the device's clocks show it, the zone named; the instant kept exact.
    const at = await page.getAttribute("[data-testid=received-at] time", "datetime");
    const shown = await page.textContent("[data-testid=received-at]");
    const expected = new Intl.DateTimeFormat("da-DK", {
      timeZone: ZONE, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(new Date(at)).reduce((p, { type, value }) => ({ ...p, [type]: value }), {});
    assert.equal(shown, `${expected.day}.${expected.month}.${expected.year} ${expected.hour}:${expected.minute} (${ZONE})`);
  } finally {
    await s.close();
  }
});
