// The capture form in steps at 360 px (issue 15): each step's summary says what is done and what is
// missing, folding and unfolding loses nothing typed, the checklist is a step of its own, and "Send"
// is on the screen wherever the officer is in the form.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, openHome, openStep, session, submitAnyway, unlock } from "./support.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const summary = (page, step) => page.textContent(`[data-step=${step}] > summary .step-state`);
const isOpen = (page, step) => page.$eval(`[data-step=${step}]`, (d) => d.open);

/** "Send" is inside the window with the page scrolled to `y`. */
async function sendOnScreen(page, y) {
  return page.evaluate((y) => {
    window.scrollTo(0, y);
    const r = document.querySelector("[data-testid=submit]").getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, y);
}

test("the steps say what is done and what is missing, fold without losing anything, and Send stays on screen", async () => {
  const s = await session(browser, { viewport: { width: 360, height: 740 } });
  const { page } = s;
  try {
    await openHome(page);
    await page.click("[data-testid=new-capture]");
    await page.waitForURL(/\/capture\/[0-9a-f-]{36}$/);
    const id = page.url().split("/").pop();

    // New: what the scene needs first is open, the rest folded, every summary saying where it stands.
    assert.equal(await summary(page, "case"), "Sagstype mangler · Journalnummer mangler");
    assert.equal(await summary(page, "identifiers"), "ingen endnu");
    assert.deepEqual(
      await Promise.all(["case", "checklist", "identifiers", "items", "attachments", "preservations", "notes"].map((n) => isOpen(page, n))),
      [true, false, true, true, false, false, false],
    );
    assert.equal(await page.isVisible("#notes"), false, "the notes are folded away");

    await page.check("input[name=case-type][value=sextortion]");
    await page.fill("#journal-number", "0100-80000-00007-26");
    assert.equal(await summary(page, "case"), "Sextortion (afpresning) · 0100-80000-00007-26");
    // The checklist is a step of its own: folded, it counts the critical items still unticked (all of
    // them, so far: as many as the pack the desk serves has for the case type).
    const [, all, of] = (await summary(page, "checklist")).match(/^(\d+) af (\d+) kritiske mangler$/);
    assert.equal(all, of);
    const CRITICAL = Number(of);
    assert.ok(CRITICAL > 1);
    await openStep(page, "checklist");
    await page.check("[data-item='sextortion.accounts'] input[type=checkbox]");
    await page.fill("[data-item='sextortion.accounts'] input[type=text]", "To konti");
    assert.equal(await summary(page, "checklist"), `${CRITICAL - 1} af ${CRITICAL} kritiske mangler`);

    await page.fill("#identifier-0", "https://www.tiktok.com/@some_user");
    assert.equal(await summary(page, "identifiers"), "1 tilføjet");
    await openStep(page, "notes");
    await page.fill("#notes", "Offeret er 15 år");
    assert.equal(await summary(page, "notes"), "tilføjet");

    // Folding a step hides its fields and keeps what is in them; its summary still says it.
    for (const step of ["case", "checklist", "notes"]) await page.click(`[data-step=${step}] > summary`);
    assert.equal(await page.isVisible("#journal-number"), false);
    assert.equal(await summary(page, "case"), "Sextortion (afpresning) · 0100-80000-00007-26");
    assert.equal(await page.getAttribute("[data-step=case]", "open"), null);
    for (const step of ["case", "checklist", "notes"]) await openStep(page, step);
    assert.equal(await page.inputValue("#journal-number"), "0100-80000-00007-26");
    assert.ok(await page.isChecked("[data-item='sextortion.accounts'] input[type=checkbox]"));
    assert.equal(await page.inputValue("[data-item='sextortion.accounts'] input[type=text]"), "To konti");
    assert.equal(await page.inputValue("#notes"), "Offeret er 15 år");

    // "Send" is on the screen at the top of the form, half way and at its end, everything unfolded.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height > 2 * 740, `the unfolded form is several screens tall (${height} px)`);
    for (const y of [0, Math.round(height / 2), height]) assert.ok(await sendOnScreen(page, y), `Send on screen at ${y} px`);

    // English one tap away: the summaries too.
    await page.click(".lang-toggle");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    assert.equal(await summary(page, "checklist"), `${CRITICAL - 1} of ${CRITICAL} critical missing`);
    assert.equal(await summary(page, "attachments"), "none yet");
    await page.click(".lang-toggle");
    await page.waitForFunction(() => document.documentElement.lang === "da");

    // The draft is saved as it stands, folds and all: after a reload every value is back.
    await page.waitForSelector("[data-testid=save-state]:has-text('Gemt')");
    await page.reload();
    await unlock(page);
    await page.waitForSelector("#journal-number");
    assert.equal(await page.inputValue("#journal-number"), "0100-80000-00007-26");
    assert.equal(await summary(page, "checklist"), `${CRITICAL - 1} af ${CRITICAL} kritiske mangler`);
    await openStep(page, "notes");
    assert.equal(await page.inputValue("#notes"), "Offeret er 15 år");
    await submitAnyway(page);
    assert.match(page.url(), new RegExp(id));
  } finally {
    await s.close();
  }
});
