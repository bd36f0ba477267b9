import { test as plain } from '@playwright/test';
import { expect, test } from '../fixtures';
import { pages } from './inventory';

/**
 * Every page answers with the security headers, and its scripts run only by this response's nonce.
 * Pages are opened in Chromium through the journeys' fixture, which fails on any console error, so a
 * CSP violation on a page (a blocked script, style or connection) fails here too.
 */
const VISIT: Record<string, string> = {
  '/': '/',
  '/device-check': '/device-check',
  '/join/[shareId]': '/join/AAAAAAAAAAAAAAAAAAAAAA',
  '/join/[shareId]/sign-in': '/join/AAAAAAAAAAAAAAAAAAAAAA/sign-in?token=x',
  '/portal': '/portal',
  '/portal/meetings/[meetingId]': '/portal/meetings/AAMkADummy',
  '/portal/meetings/[meetingId]/call': '/portal/meetings/AAMkADummy/call',
  '/portal/meetings/open': '/portal/meetings/open',
  '/signed-out': '/signed-out',
  '/signin': '/signin',
};

function nonceOf(csp: string): string | undefined {
  return /'nonce-([^']+)'/.exec(csp)?.[1];
}

test('the header table has every page of the app', () => {
  expect(Object.keys(VISIT).sort()).toEqual(pages());
});

for (const [page, path] of Object.entries(VISIT)) {
  test(`${page}: CSP with a fresh nonce on every script, no framing, no sniffing`, async ({ page: tab, request }) => {
    // Unknown invitations and meetings answer 404 by design: the page watch would count those.
    const res = await request.get(path, { maxRedirects: 0 });
    const csp = res.headers()['content-security-policy'] ?? '';
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
    expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['x-frame-options']).toBe('DENY');
    const again = await request.get(path, { maxRedirects: 0 });
    expect(nonceOf(again.headers()['content-security-policy'] ?? ''), 'a new nonce per response').not.toBe(
      nonceOf(csp),
    );
    if (res.status() === 200) {
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonceOf(csp)}"`);
      // And in the browser: the page loads and hydrates without one CSP report in the console.
      await tab.goto(path);
      await expect(tab.locator('main')).toBeVisible();
    }
  });
}

// The way injected markup would try to run script: an inline event handler (innerHTML never runs
// <script>, and 'strict-dynamic' deliberately lets scripts that trusted code creates run).
plain('an inline event handler in injected markup does not run, and says so in the console', async ({ page }) => {
  const messages: string[] = [];
  page.on('console', (m) => messages.push(m.text()));
  await page.goto('/');
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { injected?: boolean };
    const box = document.createElement('div');
    box.innerHTML = '<img src="/no-such-image" onerror="window.injected = true">';
    document.body.append(box);
    await new Promise((r) => setTimeout(r, 500));
    return w.injected === true;
  });
  expect(ran).toBe(false);
  expect(messages.join('\n')).toContain('Content Security Policy');
});
