// The few page operations the journeys need, on top of a WebDriver session: every wait has a bound
// and fails saying what it waited for.
import { By, until } from "selenium-webdriver";

export const WAIT_MS = 20_000;

export class Page {
  constructor(driver, baseUrl) {
    this.driver = driver;
    this.baseUrl = baseUrl;
  }

  url(path) {
    return new URL(path, this.baseUrl).href;
  }

  async goto(path) {
    await this.driver.get(this.url(path));
  }

  /** A reload from page code: geckodriver's WebDriver Refresh skips the service worker. */
  async reload() {
    const before = await this.run(() => performance.timeOrigin);
    await this.driver.executeScript("setTimeout(() => location.reload(), 0)");
    await this.waitUntil(async () => {
      try {
        return (await this.run(() => document.readyState === "complete" && performance.timeOrigin)) > before;
      } catch {
        return false; // the old document was going away under the script
      }
    }, "the page to load again");
  }

  /** Runs `fn` (with JSON arguments) in the page and returns its value; `fn` may return a promise. */
  async run(fn, ...args) {
    return this.driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
         .then((value) => done({ value }), (e) => done({ error: String(e && e.stack || e) }));`,
      ...args,
    ).then((answer) => {
      if (answer && "error" in answer) throw new Error(`in the page: ${answer.error}`);
      return answer?.value;
    });
  }

  async waitUntil(condition, what, ms = WAIT_MS) {
    const until_ = Date.now() + ms;
    for (;;) {
      const value = await condition();
      if (value) return value;
      if (Date.now() > until_) throw new Error(`waited ${ms} ms for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** The first element matching `css`, once it is in the page. */
  async waitFor(css, ms = WAIT_MS) {
    try {
      return await this.driver.wait(until.elementLocated(By.css(css)), ms);
    } catch (e) {
      throw new Error(`waited ${ms} ms for ${css} on ${await this.driver.getCurrentUrl()}: ${e.name}`);
    }
  }

  /** Asked in the page rather than through element handles, which a re-render may make stale. */
  async waitGone(css, ms = WAIT_MS) {
    await this.waitUntil(async () => !(await this.has(css)), `${css} to go`, ms);
  }

  async has(css) {
    return this.driver.executeScript("return document.querySelector(arguments[0]) !== null", css);
  }

  /** Clicks in the middle of the viewport's height: WebDriver would scroll the element only just into
   *  view, under the app's fixed bottom bar. */
  async click(css) {
    await this.clickElement(await this.waitFor(css));
  }

  async clickElement(element) {
    await this.driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", element);
    await element.click();
  }

  /** Types into a field the way a person does (one input event per character). */
  async fill(css, text) {
    const field = await this.waitFor(css);
    await field.clear();
    await field.sendKeys(text);
  }

  async text(css) {
    return (await this.waitFor(css)).getText();
  }

  async attribute(css, name) {
    return (await this.waitFor(css)).getAttribute(name);
  }

  /** `<select>`: picks the option with this value. */
  async select(css, value) {
    await this.click(`${css} option[value="${value}"]`);
  }
}
