import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every journey fails on a console error, an uncaught page error, a failed page or asset load, or a
 * server error in any page it opened: a user never sees those, so a test is the only place they are caught.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (page: Page) => {
        page.on('console', (msg) => {
          // Chromium logs every non-2xx fetch as "Failed to load resource"; a refusal the page
          // handles (a 404 lookup, a 409 duplicate) is not an error. Responses are checked below.
          if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
            errors.push(`console: ${msg.text()}`);
        });
        page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
        page.on('response', (res) => {
          const type = res.request().resourceType();
          const handledByPage = type === 'fetch' || type === 'xhr';
          if (res.status() >= 500 || (res.status() >= 400 && !handledByPage)) {
            errors.push(`http ${res.status()}: ${res.request().method()} ${res.url()}`);
          }
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(errors);
      expect(errors, 'errors in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
