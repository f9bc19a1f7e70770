// Guidance as the officer meets it: readable with the desk down, two taps from home; the checklist,
// prompts, clocks and guardrails inside a capture; and what of it reaches the SPOC.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  addAccount, FITS, fitsPhone, launchBrowser, openHome, openStep, ROOT, session, signInByApi, storedCapture, submitAnyway, unlock,
} from "./support.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

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
    assert.match(await s.page.textContent("[data-testid=pack-version]"), /Vejledningsversion 2 · udgivet 2026-12-01/);
    assert.equal(await s.page.$("[data-testid=pack-new]"), null, "a first visit announces nothing");
    await s.page.fill("[data-testid=guidance-search]", "slet ikke");
    await s.page.waitForSelector("[data-testid=guidance-results] [data-item='sextortion.dont-delete']");
    await s.page.fill("[data-testid=guidance-search]", "zzzz");
    assert.match(await s.page.textContent("[data-testid=guidance-results]"), /Intet fundet/);

    for (const path of ["/guidance", "/guidance/case/threat_to_life", "/guidance/platform/x"]) {
      await s.page.goto(path);
      await s.page.waitForSelector("main h1");
      assert.deepEqual(await fitsPhone(s.page), FITS, path);
    }
    await s.page.goto("/guidance");
    await s.page.fill("[data-testid=guidance-search]", "ring");
    await s.page.waitForSelector("[data-testid=guidance-results] li");
    assert.deepEqual(await fitsPhone(s.page), FITS, "search results");
    await newCapture(s.page, "threat_to_life");
    await openStep(s.page, "checklist");
    await s.page.check("[data-item='emergency.call-spoc'] input[type=checkbox]");
    assert.deepEqual(await fitsPhone(s.page), FITS, "capture with checklist");

    // Snap's period for non-US police (Snap Law Enforcement Guide § VI), not the US 90 + 90.
    await s.page.goto("/guidance/platform/snapchat");
    assert.match(await s.page.textContent("[data-testid=preservation-period]"), /365 dage \+ 180/);
    await s.page.click(".lang-toggle");
    assert.match(await s.page.textContent("[data-testid=preservation-period]"), /365 days \+ 180/);
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
    await openStep(s.page, "checklist");
    await s.page.check("[data-item='sextortion.accounts'] input[type=checkbox]");
    await s.page.fill("[data-item='sextortion.accounts'] input[type=text]", "Two accounts");
    await s.page.fill("#identifier-0", "https://x.com/Some_Handle");
    await s.page.waitForSelector("[data-testid=identifier-prompts]");
    assert.match(await s.page.textContent("[data-testid=identifier-prompts]"), /X \(Twitter\): bruger-ID mangler/);

    await openStep(s.page, "preservations");
    await s.page.click("text=Tilføj anmodning");
    await s.page.selectOption("select[id^=preservation-][id$=-platform]", "tiktok");
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
    assert.equal(capture.schema_version, 3);
    assert.equal(capture.guidance.pack_version, 2);
    assert.equal(capture.prosecution_request, undefined, "asked only for sharing of intimate images");
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
    await openStep(s.page, "attachments");
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

/** The built-in pack as the SPOC's next version, with `change` made to it. */
function nextPack(version, change = () => {}) {
  const pack = JSON.parse(readFileSync(join(ROOT, "crates/core/guidance/guidance-pack.json"), "utf8"));
  pack.version = version;
  pack.published = "2026-12-02";
  change(pack);
  return JSON.stringify(pack, null, 1) + "\n";
}

/** An operator (spoc role) signed in on the desk's own pages, in a window of their own. */
async function operator(browser, s) {
  const password = addAccount(s.dbPath, "spoc.e2e", "spoc");
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${s.port}` });
  const page = await context.newPage();
  await page.goto("/login");
  await signInByApi(page, "spoc.e2e", password);
  return { page, context };
}

/** One row of the desk's database, read past the desk. */
function sql(dbPath, query) {
  const out = execFileSync("python3", ["-c", "import sqlite3,sys,json; c=sqlite3.connect(sys.argv[1]); print(json.dumps(c.execute(sys.argv[2]).fetchone()))", dbPath, query]);
  return JSON.parse(out.toString());
}

test("the SPOC publishes a pack on the desk; a phone holding the older one takes it by its ETag and a draft keeps every tick", async () => {
  const s = await session(browser, { viewport: { width: 360, height: 740 } });
  const desk = await operator(browser, s);
  try {
    // On the phone: version 2, built in; a draft under way with two ticks and a note.
    await s.page.goto("/guidance"); // readable without the passphrase
    await s.page.waitForSelector("[data-testid=pack-version]");
    assert.match(await s.page.textContent("[data-testid=pack-version]"), /Vejledningsversion 2/);
    const id = await newCapture(s.page, "sextortion");
    await s.page.fill("#journal-number", "0100-80000-00314-26");
    await s.page.fill("#identifier-0", "https://www.snapchat.com/add/some_user");
    await openStep(s.page, "checklist");
    await s.page.check("[data-item='sextortion.accounts'] input[type=checkbox]");
    await s.page.fill("[data-item='sextortion.accounts'] input[type=text]", "Snapchat og TikTok");
    await s.page.check("[data-item='sextortion.capture-before-blocking'] input[type=checkbox]");
    await s.page.waitForSelector("[data-testid=save-state]:has-text('Gemt')");
    const heldTag = await s.page.evaluate(async () => (await fetch("/api/v1/guidance")).headers.get("etag"));

    // On the desk: a broken file and an older one are refused before anything can be published …
    await desk.page.goto("/desk/guidance");
    await desk.page.waitForSelector("[data-testid=pack-versions] tr[data-version='2']");
    assert.match(await desk.page.textContent("[data-testid=current-pack]"), /version 2/);
    const upload = (name, text) => desk.page.setInputFiles("#pack-file", { name, mimeType: "application/json", buffer: Buffer.from(text) });
    await upload("broken.json", nextPack(3, (p) => { p.case_types[0].steps[0].text.en = ""; }));
    await desk.page.waitForSelector("[role=alert]:has-text('fails its checks')");
    assert.equal(await desk.page.$("[data-testid=publish]"), null);
    await upload("older.json", nextPack(2, (p) => { p.contacts[0].phone = "+4533334444"; }));
    await desk.page.waitForSelector("[data-testid=pack-preview] [role=alert]:has-text('ikke nyere')");
    assert.equal(await desk.page.$("[data-testid=publish]"), null);

    // … and the new one is shown with what it changes, per language, then published.
    const reworded = "Rådgiv offeret: betal ikke, svar ikke mere, registrér chatten, og blokér så – slet intet.";
    await upload("v3.json", nextPack(3, (p) => {
      p.contacts[0].phone = "+4533334444";
      p.case_types[0].steps.find((i) => i.id === "sextortion.advise").text.da = reworded;
    }));
    await desk.page.waitForSelector("[data-testid=pack-preview] [data-testid=diff-summary]");
    assert.match(await desk.page.textContent("[data-testid=pack-preview] [data-testid=diff-summary]"), /2 → 3: 0 \S+ · 0 \S+ · 3 \S+ \(da 1, en 0\)/);
    assert.ok(await desk.page.$("[data-testid=pack-preview] [data-subject='sextortion.advise'][data-kind=changed]"));
    await desk.page.selectOption("#preview-lang", "en");
    assert.equal(await desk.page.$("[data-testid=pack-preview] [data-subject='sextortion.advise']"), null, "only a Danish text changed");
    await desk.page.click("[data-testid=publish]");
    await desk.page.waitForSelector("[data-testid=pack-published]");
    await desk.page.waitForSelector("[data-testid=pack-versions] tr[data-version='3']");
    await desk.page.waitForSelector("[data-testid=pack-compare] [data-subject='contacts.spoc-duty']");
    const [actor, object] = sql(s.dbPath, "SELECT actor, object FROM journal WHERE action = 'guidance.publish' ORDER BY seq DESC LIMIT 1");
    assert.deepEqual([actor, object], ["spoc.e2e", "pack v3"]);

    // The phone comes online again: it asks with the tag it holds and takes version 3, no reload.
    const answers = [];
    s.page.on("response", (r) => {
      if (new URL(r.url()).pathname === "/api/v1/guidance") answers.push([r.request().headers()["if-none-match"], r.status()]);
    });
    await s.page.evaluate(() => window.dispatchEvent(new Event("online")));
    await s.page.waitForSelector(`[data-item='sextortion.advise'] :text("${reworded}")`);
    assert.deepEqual(answers[0], [heldTag, 200]);
    // The draft's ticks and note are where they were.
    assert.ok(await s.page.isChecked("[data-item='sextortion.accounts'] input[type=checkbox]"));
    assert.ok(await s.page.isChecked("[data-item='sextortion.capture-before-blocking'] input[type=checkbox]"));
    assert.equal(await s.page.inputValue("[data-item='sextortion.accounts'] input[type=text]"), "Snapchat og TikTok");

    // The guidance page says a newer pack has come since the last visit, once.
    await s.page.click(".bottombar >> text=Vejledning");
    await s.page.waitForSelector("[data-testid=pack-new]");
    assert.match(await s.page.textContent("[data-testid=pack-new]"), /version 3 \(udgivet 2026-12-02; før 2\)/);
    assert.equal(await s.page.getAttribute("[data-testid=call-duty]", "href"), "tel:+4533334444");
    await s.page.click("a.brand");
    await s.page.click(".bottombar >> text=Vejledning");
    await s.page.waitForSelector("[data-testid=pack-version]");
    assert.equal(await s.page.$("[data-testid=pack-new]"), null);

    // After a restart the phone still holds version 3, and the draft still holds its ticks.
    await s.page.goto(`/capture/${id}`);
    await unlock(s.page);
    await openStep(s.page, "checklist");
    await s.page.waitForSelector(`[data-item='sextortion.advise'] :text("${reworded}")`);
    assert.ok(await s.page.isChecked("[data-item='sextortion.accounts'] input[type=checkbox]"));
    await submitAnyway(s.page);
    await s.page.waitForSelector("[data-testid=capture-status][data-state=synced]", { timeout: 30_000 });
    const { capture } = await storedCapture(s.page, id);
    assert.equal(capture.guidance.pack_version, 3);
    assert.deepEqual(capture.guidance.ticked.map((t) => t.item), ["sextortion.accounts", "sextortion.capture-before-blocking"]);

    // The desk shows the capture with the texts of the version it was made under.
    await desk.page.goto(`/desk/capture/${id}`);
    await desk.page.waitForSelector("[data-testid=pack-used][data-version='3']");
    assert.match(await desk.page.textContent("[data-testid=ticks]"), /Snapchat og TikTok/);
  } finally {
    await desk.context.close();
    await s.close();
  }
});

test("sharing of intimate images asks whether the victim wants prosecution, and the desk shows the answer", async () => {
  const s = await session(browser);
  const desk = await operator(browser, s);
  try {
    const id = await newCapture(s.page, "intimate_image_sharing");
    await s.page.fill("#journal-number", "0100-80000-00264-26");
    await s.page.fill("#identifier-0", "https://t.me/c/1234567890/55");
    await s.page.waitForSelector("[data-testid=prosecution] .warning");
    assert.match(await s.page.textContent("[data-testid=prosecution]"), /§ 275, stk\. 2/);
    // Not answered: refused with the reason, the draft kept.
    await s.page.click("[data-testid=submit]");
    await s.page.waitForSelector("[data-testid=unticked-critical]");
    await s.page.click("[data-testid=submit]");
    assert.match(await s.page.textContent("[data-testid=submit-problem]"), /Påtale.*svar om påtale mangler/);
    assert.match(s.page.url(), new RegExp(id));
    // Other case types do not ask.
    await s.page.check("input[name=case-type][value=sextortion]");
    assert.equal(await s.page.$("[data-testid=prosecution]"), null);
    // The list of skipped items named the other case type's checklist: no longer shown.
    assert.equal(await s.page.$("[data-testid=unticked-critical]"), null);
    await s.page.check("input[name=case-type][value=intimate_image_sharing]");
    await s.page.check("input[name=prosecution][value=not_yet_known]");
    await s.page.waitForSelector("[data-testid=prosecution] .warning:has-text('SPOC skal have')");
    await submitAnyway(s.page);
    await s.page.waitForSelector("[data-testid=capture-status][data-state=synced]", { timeout: 30_000 });
    assert.equal((await storedCapture(s.page, id)).capture.prosecution_request, "not_yet_known");

    await desk.page.goto(`/desk/capture/${id}`);
    await desk.page.waitForSelector("[data-testid=record-prosecution][data-answer=not_yet_known]");
    assert.match(await desk.page.textContent("[data-testid=prosecution-warning]"), /SPOC skal have offerets svar/);
  } finally {
    await desk.context.close();
    await s.close();
  }
});
