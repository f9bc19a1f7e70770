// Guidance as the officer meets it: readable with the desk down, two taps from home; the checklist,
// prompts, clocks and guardrails inside a capture; and what of it reaches the SPOC.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, test } from "node:test";
import { launchBrowser, openHome, session, storedCapture, submitAnyway, unlock } from "./support.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** No sideways scrolling at the width of a small phone, and every control at least 44 px tall (a check
 * box or radio button counts by its label, which takes the tap). */
async function fitsPhone(page) {
  return page.evaluate(() => {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    const small = [...document.querySelectorAll("main a, main button, main summary, main label.choice, main input, main select")]
      .filter((el) => el.offsetParent !== null && !el.classList.contains("visually-hidden"))
      .filter((el) => !(el.matches("input[type=checkbox], input[type=radio]") && el.closest("label.choice")))
      .filter((el) => el.getBoundingClientRect().height < 44)
      .map((el) => `${el.tagName} ${el.textContent.trim().slice(0, 30)}`);
    return { overflow, small };
  });
}

async function newCapture(page, caseType) {
  await openHome(page);
  await page.click("[data-testid=new-capture]");
  await page.waitForURL(/\/capture\/[0-9a-f-]{36}$/);
  await page.check(`input[name=case-type][value=${caseType}]`);
  return page.url().split("/").pop();
}

test("the guidance opens with the desk stopped, two taps from home, and search finds a don't", async () => {
  const s = await session(browser, { viewport: { width: 360, height: 740 } });
  try {
    await s.stop();
    await s.page.reload();
    await unlock(s.page);
    await s.page.click("section.start >> text=Vejledning"); // tap 1
    await s.page.click("text=Sextortion (afpresning)"); // tap 2
    await s.page.waitForURL(/\/guidance\/case\/sextortion$/);
    const dont = await s.page.textContent("[data-testid=donts] [data-item='sextortion.dont-pay']");
    assert.match(dont, /Betal ikke/);
    assert.match(await s.page.textContent("ol.steps"), /numeriske ID'er/);

    await s.page.goto("/guidance");
    assert.equal(await s.page.getAttribute("[data-testid=call-duty]", "href"), "tel:114");
    assert.match(await s.page.textContent("[data-testid=pack-version]"), /1 · 2026-11-22/);
    await s.page.fill("[data-testid=guidance-search]", "slet ikke");
    await s.page.waitForSelector("[data-testid=guidance-results] [data-item='sextortion.dont-delete']");
    await s.page.fill("[data-testid=guidance-search]", "zzzz");
    assert.match(await s.page.textContent("[data-testid=guidance-results]"), /Intet fundet/);

    for (const path of ["/guidance", "/guidance/case/threat_to_life", "/guidance/platform/x"]) {
      await s.page.goto(path);
      await s.page.waitForSelector("main h1");
      assert.deepEqual(await fitsPhone(s.page), { overflow: 0, small: [] }, path);
    }
    await s.page.goto("/guidance");
    await s.page.fill("[data-testid=guidance-search]", "ring");
    await s.page.waitForSelector("[data-testid=guidance-results] li");
    assert.deepEqual(await fitsPhone(s.page), { overflow: 0, small: [] }, "search results");
    await newCapture(s.page, "threat_to_life");
    await s.page.check("[data-item='emergency.call-spoc'] input[type=checkbox]");
    assert.deepEqual(await fitsPhone(s.page), { overflow: 0, small: [] }, "capture with checklist");

    await s.page.goto("/guidance/platform/snapchat");
    assert.match(await s.page.textContent("[data-testid=preservation-period]"), /90 dage \+ 90/);
    await s.page.click(".lang-toggle");
    assert.match(await s.page.textContent("[data-testid=preservation-period]"), /90 days \+ 90/);
  } finally {
    await s.close();
  }
});

test("ticks, notes and skipped critical items travel with the capture; prompts and clocks show on the way", async () => {
  // A Copenhagen device: 1 March is winter time, 30 May summer time.
  const s = await session(browser, { timezoneId: "Europe/Copenhagen" });
  try {
    const id = await newCapture(s.page, "sextortion");
    await s.page.fill("#journal-number", "0100-80000-00042-26");
    await s.page.check("[data-item='sextortion.accounts'] input[type=checkbox]");
    await s.page.fill("[data-item='sextortion.accounts'] input[type=text]", "Two accounts");
    await s.page.fill("#identifier-0", "https://x.com/Some_Handle");
    await s.page.waitForSelector("[data-testid=identifier-prompts]");
    assert.match(await s.page.textContent("[data-testid=identifier-prompts]"), /X \(Twitter\): bruger-ID mangler/);

    await s.page.click("text=Tilføj anmodning");
    await s.page.selectOption("select[id^=preservation-][id$=-platform]", "snapchat");
    await s.page.fill("input[id^=preservation-][id$=-at]", "2026-03-01T10:00");
    await s.page.waitForSelector("[data-testid=preservation-clock]");
    const clock = await s.page.textContent("[data-testid=preservation-clock]");
    assert.match(clock, /Udløber: 30\.05\.2026 11:00 \(Europe\/Copenhagen\)/);
    assert.match(clock, /2026-05-30 09:00 UTC/);
    assert.match(clock, /Med forlængelse: 28\.08\.2026 11:00/);

    await s.page.click("[data-testid=submit]");
    const unticked = await s.page.textContent("[data-testid=unticked-critical]");
    assert.match(unticked, /betalingskravene/);
    assert.doesNotMatch(unticked, /gerningspersonens brugernavne/); // that one is ticked
    await s.page.click("[data-testid=submit]"); // "Send anyway"
    await s.page.waitForSelector("[data-testid=capture-status][data-state=synced]", { timeout: 30_000 });

    const { capture } = await storedCapture(s.page, id);
    assert.equal(capture.schema_version, 2);
    assert.equal(capture.guidance.pack_version, 1);
    assert.equal(capture.guidance.ticked.length, 1);
    assert.equal(capture.guidance.ticked[0].item, "sextortion.accounts");
    assert.equal(capture.guidance.ticked[0].note, "Two accounts");
    assert.equal(capture.guidance.ticked[0].at.zone, "Europe/Copenhagen");
    assert.ok(capture.guidance.skipped_critical.includes("sextortion.payment-demands"));
    assert.ok(!capture.guidance.skipped_critical.includes("sextortion.accounts"));

    // The English request draft for X, from the capture, with the legal basis left to the SPOC.
    await s.page.click("[data-testid=request-drafts] summary");
    const draft = await s.page.inputValue("#request-x");
    assert.match(draft, /Preservation request - X \(Twitter\) - Danish Police ref\. 0100-80000-00042-26/);
    assert.match(draft, /- username: @some_handle/);
    assert.match(draft, /\[LEGAL BASIS: to be completed by the SPOC\]/);
  } finally {
    await s.close();
  }
});

test("threat to life: the emergency path comes first and the minimum goes at once, ahead of the queue", async () => {
  const s = await session(browser);
  try {
    await s.stop(); // something older waits in the outbox
    const older = await newCapture(s.page, "other_online");
    await s.page.fill("#journal-number", "0100-80000-00001-26");
    await s.page.fill("#identifier-0", "https://www.tiktok.com/@older.case");
    await submitAnyway(s.page);

    const id = await newCapture(s.page, "threat_to_life");
    const first = await s.page.$eval("form.capture", (form) => form.firstElementChild.dataset.testid);
    assert.equal(first, "emergency-path");
    assert.equal(await s.page.getAttribute("[data-testid=call-duty]", "href"), "tel:114");
    await s.page.fill("#identifier-0", "https://www.snapchat.com/add/threat_user");
    await s.page.click("[data-testid=send-minimum]"); // no journal number yet, nothing ticked
    await s.page.waitForSelector("[data-testid=capture-status][data-state=queued]");

    await s.start();
    await s.page.waitForSelector("[data-testid=capture-status][data-state=synced]", { timeout: 60_000 });
    const urgent = await storedCapture(s.page, id);
    const routine = await storedCapture(s.page, older);
    assert.ok(urgent.receipt.server_seq < routine.receipt.server_seq, "the emergency capture was received first");
    assert.equal(urgent.capture.journal_number, "");
    assert.ok(urgent.capture.guidance.skipped_critical.includes("emergency.call-spoc"));

    await s.page.click("[data-testid=follow-up]");
    await s.page.waitForURL((url) => !url.pathname.endsWith(id));
    assert.equal(await s.page.inputValue("#identifier-0"), "https://www.snapchat.com/add/threat_user");
  } finally {
    await s.close();
  }
});

test("a child-abuse-material capture offers no attachment, says why, and cannot be sent with one", async () => {
  const s = await session(browser);
  try {
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
    const id = await newCapture(s.page, "sextortion");
    await s.page.fill("#journal-number", "0100-80000-00007-26");
    await s.page.fill("#identifier-0", "https://www.instagram.com/some_user/");
    await s.page.setInputFiles("#attach-file", { name: "demand.png", mimeType: "image/png", buffer: png });
    await s.page.waitForSelector("[data-testid=attachments] li");

    await s.page.check("input[name=case-type][value=child_sexual_abuse_material]");
    assert.match(await s.page.textContent("[data-testid=csam-refusal]"), /må aldrig kopieres/);
    assert.equal(await s.page.$("#attach-file"), null);
    await s.page.click("[data-testid=submit]");
    await s.page.waitForSelector("[data-testid=unticked-critical]");
    await s.page.click("[data-testid=submit]");
    assert.match(await s.page.textContent("[data-testid=submit-problem]"), /må aldrig kopieres/);
    assert.match(s.page.url(), new RegExp(id)); // still the draft: nothing lost, nothing sent

    // Back to sextortion: the file is still there and goes to the SPOC intact.
    await s.page.check("input[name=case-type][value=sextortion]");
    await submitAnyway(s.page);
    await s.page.waitForSelector("[data-testid=capture-status][data-state=synced]", { timeout: 30_000 });
    const { capture } = await storedCapture(s.page, id);
    assert.equal(capture.attachments.length, 1);
    assert.equal(capture.attachments[0].sha256, createHash("sha256").update(png).digest("hex"));
    assert.equal(Buffer.from(capture.attachments[0].data, "base64").compare(png), 0);
  } finally {
    await s.close();
  }
});

test("the app keeps the desk's pack as its last good copy and revalidates it with its ETag", async () => {
  const s = await session(browser);
  try {
    const stored = async () => s.page.evaluate(() => new Promise((resolve) => {
      const open = indexedDB.open("spoc-field");
      open.onsuccess = () => {
        const get = open.result.transaction("settings").objectStore("settings").get("guidance.pack");
        get.onsuccess = () => { resolve(get.result ?? null); open.result.close(); };
        get.onerror = () => resolve(null);
      };
      open.onerror = () => resolve(null);
    }));
    const deadline = Date.now() + 15_000;
    let held = await stored();
    while (!held && Date.now() < deadline) { await new Promise((r) => setTimeout(r, 200)); held = await stored(); }
    assert.ok(held, "the pack from the desk is kept in IndexedDB");
    const { etag, json } = typeof held === "string" ? JSON.parse(held) : held;
    const served = await s.page.evaluate(async () => {
      const r = await fetch("/api/v1/guidance");
      return { etag: r.headers.get("etag"), body: await r.text() };
    });
    assert.equal(etag, served.etag);
    assert.equal(json, served.body);

    // Next start: the app asks with the tag it holds and the desk answers 304.
    const answers = [];
    s.page.on("response", (r) => {
      if (new URL(r.url()).pathname === "/api/v1/guidance") answers.push([r.request().headers()["if-none-match"], r.status()]);
    });
    await s.page.reload();
    await unlock(s.page);
    const until = Date.now() + 10_000;
    while (answers.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(answers[0], [etag, 304]);
  } finally {
    await s.close();
  }
});
