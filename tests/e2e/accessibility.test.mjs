// Every screen of the field app and of the desk, as its users meet them, checked by axe-core against
// WCAG 2.1 A and AA in Danish and English at 360 px and 1280 px, and for one-handed use at 360 px (no
// sideways scrolling, no clipped text, no target under 44 × 44 px). One browser window walks through
// them all: an officer's device first, then the same window signed in as an operator and an admin.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  accessibilityViolations, addAccount, fitsPhone, ROOT, freePort, normalWindow, openStep, PASSPHRASE, startDesk, stopDesk,
  submitAnyway, tempDatabase, unlock, waitForSealKey, waitForServiceWorker,
} from "./support.mjs";

const WIDTHS = [360, 1280];
const CASE_TYPES = ["sextortion", "grooming", "intimate_image_sharing", "child_sexual_abuse_material", "threat_to_life", "other_online"];

/** The pack the app ships with: its sources, by id and title, and the platforms it guides on. */
const PACK = JSON.parse(readFileSync(join(ROOT, "dist/guidance-pack.json"), "utf8"));
const SOURCES = PACK.sources;
const PLATFORMS = PACK.platforms.map((p) => p.platform);

let desk, dbPath, port, context, page;
const accounts = {};
/** Every finding, `page · language · width: problem`, reported together at the end. */
const problems = [];
let checked = 0;

before(async () => {
  port = await freePort();
  dbPath = tempDatabase();
  for (const [name, role] of [["officer.e2e", "officer"], ["spoc.e2e", "spoc"], ["admin.e2e", "admin"]]) {
    accounts[name] = addAccount(dbPath, name, role);
  }
  desk = await startDesk({ port, dbPath });
  context = await normalWindow({ baseURL: `http://127.0.0.1:${port}`, viewport: { width: 360, height: 740 } });
  page = await context.newPage();
});
after(async () => {
  await context?.close();
  if (desk) await stopDesk(desk);
});

/** Waits until nothing on the page is still loading (the app's "…" placeholders). */
async function settled(selector) {
  await page.waitForSelector(selector);
  await page.waitForFunction(() => !document.querySelector(".loading"));
}

/** Checks the page as it is now in both languages and at both widths; leaves it in Danish at 360 px. */
async function check(name) {
  for (const lang of ["da", "en"]) {
    if (await page.getAttribute("html", "lang") !== lang) {
      await page.click(".lang-toggle");
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    }
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 740 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const where = `${name} · ${lang} · ${width} px`;
      for (const v of await accessibilityViolations(page)) problems.push(`${where}: ${v}`);
      if (width === 360) {
        const fit = await fitsPhone(page);
        if (fit.overflow) problems.push(`${where}: page wider than the window by ${fit.overflow}`);
        for (const s of fit.small) problems.push(`${where}: target under 44 × 44 px: ${s}`);
        for (const w of fit.wide) problems.push(`${where}: text wider than its box: ${w}`);
      }
      checked += 1;
    }
  }
  await page.click(".lang-toggle");
  await page.waitForFunction(() => document.documentElement.lang === "da");
  await page.setViewportSize({ width: 360, height: 740 });
}

/** Every guidance source on the page is named by its title, never by the pack's internal id. */
async function sourcesByTitle(where) {
  const shown = (await page.$$eval(".sources, .sources-list dt", (els) => els.map((e) => e.textContent))).join("\n");
  assert.ok(shown.length > 0, `${where}: no sources shown`);
  for (const { id } of SOURCES) assert.ok(!shown.includes(id), `${where}: source id ${id} shown`);
  assert.ok(SOURCES.some(({ title }) => shown.includes(title)), `${where}: no source title shown`);
}

/** The text of every heading on the page. */
async function headings() {
  return page.$$eval("h1, h2, h3", (els) => els.map((e) => e.textContent.trim()));
}

/** Desk pages carry none of the field app's chrome: no outbox strip, no bottom bar. */
async function noFieldChrome(where) {
  assert.equal(await page.$(".sync, [data-testid=sync-waiting], .bottombar"), null, `${where}: field-app chrome shown`);
}

async function signInByForm(username, oneTimePassword) {
  await page.goto("/desk/login");
  await settled("[data-testid=sign-in]");
  await page.fill("#username", username);
  await page.fill("#password", oneTimePassword);
  await page.click("[data-testid=sign-in] button[type=submit]");
  await page.waitForSelector("[data-testid=change-password]");
  await page.fill("#current-password", oneTimePassword);
  await page.fill("#new-password", PASSPHRASE);
  await page.fill("#repeat-password", PASSPHRASE);
  await page.click("[data-testid=change-password] button[type=submit]");
}

async function signOut() {
  assert.equal(await page.evaluate(async () => (await fetch("/api/v1/session", { method: "DELETE" })).status), 204);
}

test("every page of the field app is axe-clean in both languages at 360 and 1280 px, and fits a phone", async () => {
  await page.goto("/");
  await waitForServiceWorker(page);
  await settled("[data-testid=set-passphrase]");
  // Before it asks, it says what the passphrase protects; and no tab claims the page shown.
  assert.match(await page.textContent("[data-testid=set-passphrase] .help"), /låser kladderne på denne telefon/);
  assert.equal(await page.$(".bottombar [aria-current]"), null, "the lock screen is no page of the bottom bar");
  await check("first screen (new device)");

  await page.goto("/login");
  await settled("[data-testid=sign-in]");
  await check("sign-in");
  await page.fill("#username", "officer.e2e");
  await page.fill("#password", accounts["officer.e2e"]);
  await page.click("[data-testid=sign-in] button[type=submit]");
  await settled("[data-testid=change-password]");
  await check("change one-time password");
  await page.fill("#current-password", accounts["officer.e2e"]);
  await page.fill("#new-password", PASSPHRASE);
  await page.fill("#repeat-password", PASSPHRASE);
  await page.click("[data-testid=change-password] button[type=submit]");
  await page.waitForSelector("[data-testid=change-password]", { state: "detached" });

  await page.goto("/settings");
  await settled("form.settings");
  await check("settings, empty");
  await page.fill("#officer-name", "Test Betjent");
  await page.fill("#badge-number", "12345");
  await page.selectOption("#district", "koebenhavn");
  await page.fill("#officer-phone", "+4511223344");
  await page.click("form.settings button[type=submit]");
  await page.waitForSelector("[data-testid=settings-saved]");
  await check("settings, saved");

  await page.goto("/");
  await unlock(page);
  await settled("[data-testid=new-capture]");
  await waitForSealKey(page);
  await check("home, nothing yet");
  await page.reload();
  await settled("[data-testid=lock-screen]");
  assert.equal(await page.$(".bottombar [aria-current]"), null, "the lock screen is no page of the bottom bar");
  await check("lock screen");
  await unlock(page);

  await page.click("[data-testid=new-capture]");
  await page.waitForURL(/\/capture\/[0-9a-f-]{36}$/);
  await settled("form.capture");
  await check("capture form, new");
  // The checklist's step unfolded: each case type's checklist is checked, not only its summary.
  await openStep(page, "checklist");
  for (const caseType of CASE_TYPES) {
    await page.check(`input[name=case-type][value=${caseType}]`);
    await check(`capture form, ${caseType}`);
  }
  await page.check("input[name=case-type][value=sextortion]");
  await page.fill("#journal-number", "0100-80000-00001-26");
  await page.check("#flag-minor");
  await page.fill("#identifier-0", "https://x.com/Some_Handle");
  await page.waitForSelector("[data-testid=identifier-prompts]");
  await page.click("text=Tilføj indhold");
  await page.fill("textarea[id^=item-]", "https://example.invalid/evidence?x=1");
  await openStep(page, "preservations");
  await page.click("text=Tilføj anmodning");
  await page.selectOption("select[id^=preservation-][id$=-platform]", "tiktok");
  await page.fill("input[id^=preservation-][id$=-at]", "2026-03-01T10:00");
  await page.waitForSelector("[data-testid=preservation-clock]");
  await openStep(page, "attachments");
  await openStep(page, "notes");
  await page.setInputFiles("#attach-file", { name: "screenshot.png", mimeType: "image/png", buffer: Buffer.from("not really a png") });
  await page.waitForSelector("[data-testid=attachments] li");
  await check("capture form, filled in (identifier prompts, items, request, attachment)");
  await page.click("[data-testid=submit]");
  await settled("[data-testid=unticked-critical]");
  await check("capture form, unticked critical items listed");
  await submitAnyway(page);
  await settled("[data-testid=receipt]");
  // What the capture holds is headed; what it lacks (notes here) has no heading over nothing.
  const record = await headings();
  assert.ok(record.includes("Identifikatorer") && !record.includes("Noter"), `record headings: ${record}`);
  // Delivered and asked about: the SPOC's status as last seen is part of the page.
  await settled("[data-testid=spoc-status]");
  await check("sent capture with its receipt and the SPOC's status");

  await page.goto("/");
  await unlock(page);
  await page.click("[data-testid=new-capture]");
  await page.waitForURL(/\/capture\/[0-9a-f-]{36}$/);
  await page.fill("#journal-number", "0100-80000-00002-26");
  await page.click("a.brand");
  await settled("[data-testid=new-capture]");
  await page.waitForFunction(() => document.querySelector("[data-testid=sent-capture]")?.textContent.includes("senest set"));
  await check("home with a draft and a sent capture (with the SPOC's status)");

  await page.goto("/guidance");
  await settled("[data-testid=guidance-cases]");
  await sourcesByTitle("guidance");
  await check("guidance");
  await page.fill("[data-testid=guidance-search]", "ring");
  await page.waitForSelector("[data-testid=guidance-results] li");
  await check("guidance search results");
  for (const caseType of CASE_TYPES) {
    await page.goto(`/guidance/case/${caseType}`);
    await settled("main h1");
    await sourcesByTitle(caseType);
    await check(`guidance for ${caseType}`);
  }
  for (const platform of PLATFORMS) {
    await page.goto(`/guidance/platform/${platform}`);
    await settled("main h1");
    await sourcesByTitle(platform);
    // A value is said once on a page: no paragraph repeats another word for word.
    const paragraphs = await page.$$eval("main p", (els) => els.map((e) => e.textContent.trim()).filter(Boolean));
    assert.deepEqual(paragraphs.filter((t, i) => paragraphs.indexOf(t) !== i), [], platform);
    await check(`guidance for ${platform}`);
  }
  await page.goto("/login");
  await settled("[data-testid=signed-in]");
  await check("sign-in page, signed in");
  await page.goto("/no-such-page");
  await settled("main h1");
  await check("page not found");

  assert.deepEqual(problems.splice(0), []);
  console.log(`${checked} checks of field pages`);

  // The check itself can fail: the prompts' old markup (a live region on the list) is caught.
  await page.evaluate(() => {
    document.querySelector("main").insertAdjacentHTML("beforeend", '<ul role="status"><li>X: user ID missing</li></ul>');
  });
  assert.ok((await accessibilityViolations(page)).some((v) => v.startsWith("listitem (serious)")));
});

test("every page of the desk is axe-clean in both languages at 360 and 1280 px, and fits a phone", async () => {
  await signOut();
  await page.goto("/desk");
  await settled("[data-testid=desk-gate]");
  await noFieldChrome("desk, signed out");
  await check("desk, signed out");
  await page.click("[data-testid=desk-gate] a");
  await page.waitForURL(/\/desk\/login$/);
  await settled("[data-testid=sign-in]");
  await noFieldChrome("desk sign-in");
  assert.match(await page.textContent("[data-testid=sign-in]"), /SPOC-operatører og administratorer/);
  await check("desk sign-in");

  await signInByForm("spoc.e2e", accounts["spoc.e2e"]);
  await page.waitForURL(/\/desk$/);
  await settled("[data-testid=inbox] tr[data-id]");
  await noFieldChrome("inbox");
  await check("inbox");
  // At a laptop's width the journal number is one line, not three.
  await page.setViewportSize({ width: 1280, height: 740 });
  const journal = await page.$eval("[data-testid=inbox] tr[data-id] td a", (a) => {
    const lines = a.getClientRects();
    return { tops: new Set([...lines].map((r) => Math.round(r.top))).size, text: a.textContent };
  });
  assert.equal(journal.tops, 1, `journal number on ${journal.tops} lines: ${journal.text}`);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.click("[data-testid=inbox] tr[data-id] a");
  await settled("[data-testid=desk-capture]");
  await noFieldChrome("capture detail");
  assert.ok((await headings()).filter((h) => h === "Noter").length <= 1, "one heading Noter");
  await check("capture detail");
  await page.goto("/desk/lookup");
  await settled("[data-testid=lookup]");
  await check("lookup");
  await page.fill("#lookup-text", "https://x.com/Some_Handle");
  await page.click("[data-testid=lookup] button[type=submit]");
  await settled("[data-testid=lookup-result]");
  await check("lookup with a result");
  await page.goto("/desk/deadlines");
  await settled("[data-testid=deadlines], main .card");
  await check("deadlines");
  await page.goto("/desk/guidance");
  await settled("[data-testid=pack-versions]");
  await check("guidance packs (operator)");
  await page.goto("/desk/charts");
  await settled("[data-testid=chart-paces]");
  await check("charts");
  await page.goto("/desk/accounts");
  await settled("[data-testid=desk-gate]");
  await check("accounts, refused to an operator");

  await signOut();
  await signInByForm("admin.e2e", accounts["admin.e2e"]);
  await page.waitForURL(/\/desk\/accounts$/);
  await settled("[data-testid=accounts]");
  await page.waitForSelector("[data-testid=devices]");
  await noFieldChrome("accounts");
  await check("accounts and devices");
  await page.fill("#new-username", "new.officer");
  await page.fill("#new-display-name", "New Officer");
  await page.click("[data-testid=create-account] button[type=submit]");
  await settled("[data-testid=one-time-password]");
  await check("accounts, a new one-time password shown");
  await page.goto("/desk/guidance");
  await settled("[data-testid=publish-pack]");
  await check("guidance packs (admin)");

  assert.deepEqual(problems.splice(0), []);
  console.log(`${checked} checks in all`);
});
