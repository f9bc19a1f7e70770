// The capture form on a 360 × 740 px phone (issue 15): how tall the page is, new, once "Sextortion"
// is chosen and with the e2e tests' standard capture filled in, and how many taps it takes from home
// to sent. The taps are counted here, one per click, tick or field typed into, plus one per step
// summary tapped to unfold a field that is folded away: the same walk measures any build.
//
//   cargo build -p spoc-desk && trunk build --release && node bench/capture-form.mjs [APP_DIR]
//
// APP_DIR (default dist/) is a field build to measure, e.g. an older one for the "before" figures.
import { resolve } from "node:path";
import { launchBrowser, openStepOf, session } from "../tests/e2e/support.mjs";

const appDir = process.argv[2] ? resolve(process.argv[2]) : undefined;
const browser = await launchBrowser();
const s = await session(browser, { viewport: { width: 360, height: 740 } }, { appDir });
const { page } = s;
let taps = 0;
const reach = async (selector) => { taps += await openStepOf(page, selector); };
const tap = async (selector) => { await reach(selector); await page.click(selector); taps += 1; };
const check = async (selector) => { await reach(selector); await page.check(selector); taps += 1; };
const type = async (selector, text) => { await reach(selector); await page.fill(selector, text); taps += 1; };
// The page's height, and whether "Send" is on the screen with the page scrolled to its top.
const measure = () => page.evaluate(() => {
  window.scrollTo(0, 0);
  const send = document.querySelector("[data-testid=submit]").getBoundingClientRect();
  return { height: document.documentElement.scrollHeight, sendOnFirstScreen: send.bottom <= window.innerHeight };
});

try {
  const figures = {};
  await tap("[data-testid=new-capture]");
  await page.waitForURL(/\/capture\/[0-9a-f-]{36}$/);
  await page.waitForSelector("[data-testid=submit]");
  figures.new = await measure();
  await check("input[name=case-type][value=sextortion]");
  await page.waitForSelector("[data-testid=checklist]", { state: "attached" });
  figures.sextortion = await measure();
  await type("#journal-number", "0100-80000-00007-26");
  await check("#flag-minor");
  await type("#identifier-0", "https://www.tiktok.com/@some_user");
  await page.waitForSelector(".parsed.ok");
  await tap("button:text-is('Tilføj indhold')");
  await type("textarea[id^=item-]", "https://example.invalid/evidence?x=1");
  figures.standardCapture = await measure();
  // Every step unfolded (what the form is when all of it is wanted at once), then folded back.
  figures.everythingOpen = await page.evaluate(() => {
    const folded = [...document.querySelectorAll("form.capture details:not([open])")];
    folded.forEach((d) => { d.open = true; });
    const height = document.documentElement.scrollHeight;
    folded.forEach((d) => { d.open = false; });
    return { height };
  });
  await tap("[data-testid=submit]");
  const shown = await page.waitForSelector("[data-testid=capture-status], [data-testid=unticked-critical]");
  if ((await shown.getAttribute("data-testid")) === "unticked-critical") await tap("[data-testid=submit]");
  await page.waitForSelector("[data-testid=capture-status]");
  figures.tapsHomeToSent = taps;
  for (const f of Object.values(figures)) if (f.height) f.screens = Math.round((f.height / 740) * 10) / 10;
  console.log(JSON.stringify({ appDir: appDir ?? "dist", viewport: "360x740", ...figures }, null, 2));
} finally {
  await s.close();
  await browser.close();
}
