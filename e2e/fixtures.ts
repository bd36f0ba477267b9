import { test as base, chromium, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './support/chromium';

/**
 * Every journey fails on a console error, an uncaught page error, a failed page or asset load, or a
 * server error in any page it opened — in every browser context, including the ones a journey opens
 * itself (`browser.newContext()`, a second browser): a user never sees those, so a test is the only
 * place they are caught.
 */
/**
 * Chromium's own report that its (fake) audio output device or WebAudio renderer missed its deadline:
 * with three browsers in one call on two busy cores it appears in some runs and not others, from any
 * page that plays audio, whatever the page does. It says the machine was starved, not that the page
 * failed; what people hear is proven by the journeys that measure audio energy (calling, call-sound).
 */
const isAudioDeviceStall = (text: string) =>
  text === 'The AudioContext encountered an error from the audio device or the WebAudio renderer.';

class ErrorWatch {
  readonly errors: string[] = [];
  private readonly watchedPages = new WeakSet<Page>();

  watchPage = (page: Page): void => {
    if (this.watchedPages.has(page)) return;
    this.watchedPages.add(page);
    page.on('console', (msg) => {
      // Chromium logs every non-2xx fetch as "Failed to load resource"; a refusal the page
      // handles (a 404 lookup, a 409 duplicate) is not an error. Responses are checked below.
      if (
        msg.type() === 'error' &&
        !msg.text().startsWith('Failed to load resource') &&
        !isAudioDeviceStall(msg.text())
      )
        this.errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (error) => this.errors.push(`pageerror: ${error.message}`));
    page.on('response', (res) => {
      const type = res.request().resourceType();
      const handledByPage = type === 'fetch' || type === 'xhr';
      if (res.status() >= 500 || (res.status() >= 400 && !handledByPage)) {
        this.errors.push(`http ${res.status()}: ${res.request().method()} ${res.url()}`);
      }
    });
  };

  watchContext = (context: BrowserContext): void => {
    context.pages().forEach(this.watchPage);
    context.on('page', this.watchPage);
  };

  /** Watches the browser's current and future contexts until the returned function is called. */
  watchBrowser(browser: Browser): () => void {
    browser.contexts().forEach(this.watchContext);
    browser.on('context', this.watchContext);
    return () => browser.off('context', this.watchContext);
  }
}

export const test = base.extend<{
  errorWatch: ErrorWatch;
  /**
   * Chromium with its default autoplay policy (the journeys' usual browser plays sound without a user
   * gesture, `--autoplay-policy=no-user-gesture-required`). Its contexts are watched like the others.
   */
  browserWithDefaultAutoplay: Browser;
}>({
  errorWatch: [
    async ({ browser, context }, use) => {
      const watch = new ErrorWatch();
      watch.watchContext(context);
      const stop = watch.watchBrowser(browser);
      await use(watch);
      stop();
      expect(watch.errors, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
  // (`provide`, not `use`: the React hooks lint rule takes any `use(…)` call for a hook.)
  browserWithDefaultAutoplay: async ({ errorWatch }, provide) => {
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--autoplay-policy')),
    });
    const stop = errorWatch.watchBrowser(browser);
    await provide(browser);
    stop();
    await browser.close();
  },
});

export { expect };
