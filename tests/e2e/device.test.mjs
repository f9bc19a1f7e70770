// What the officer is told about the device's storage: persistence and space on the settings page,
// and the install advice on an iPhone, where Safari wipes the storage of sites not on the home screen.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, session } from "./support.mjs";

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test("the settings page shows whether storage is persistent and how much is used", async () => {
  const s = await session(browser, { viewport: { width: 360, height: 740 } });
  try {
    await s.page.goto("/settings");
    const persisted = await s.page.getAttribute("[data-testid=storage-persisted]", "data-persisted");
    assert.ok(persisted === "true" || persisted === "false");
    const used = await s.page.textContent("[data-testid=storage-used]");
    assert.match(used, /\d+ MB \/ \d+ MB \(\d+ %\)/);
    // Not persisted: the officer can ask (the browser decides).
    if (persisted === "false") assert.ok(await s.page.$("[data-testid=storage] button"));
    // Far from full: no warning.
    assert.equal(await s.page.$("[data-testid=storage-warning]"), null);
    assert.equal(await s.page.$("[data-testid=install-advice]"), null, "not an iPhone");
  } finally {
    await s.close();
  }
});

test("on an iPhone in a Safari tab the app says to add it to the home screen", async () => {
  const s = await session(browser, {
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
  });
  try {
    await s.page.goto("/");
    const advice = await s.page.textContent("[data-testid=install-advice]");
    assert.match(advice, /hjemmeskærm/);
  } finally {
    await s.close();
  }
});
