import { expect, test } from './fixtures';

test('landing page explains Vestibule to staff and guests', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Teams meetings');
  await expect(page.getByRole('heading', { name: 'For staff' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'For guests' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Staff sign-in' })).toHaveAttribute('href', '/portal');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff sign-in' }),
  ).toBeVisible();
  await expect(page.getByText('Local emulator')).toBeVisible();
});

test('health reports the database and every emulated service as up', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as {
    status: string;
    cloud: string;
    checks: Record<string, { ok: boolean; latencyMs: number }>;
  };
  expect(body.status).toBe('ok');
  expect(body.cloud).toBe('local');
  expect(Object.keys(body.checks).sort()).toEqual(['acs', 'database', 'emulator', 'entra', 'graph', 'mail']);
  for (const [name, check] of Object.entries(body.checks)) {
    expect(check.ok, `${name} is up`).toBe(true);
    expect(check.latencyMs).toBeGreaterThanOrEqual(0);
  }
  expect(res.headers()['x-request-id']).toBeTruthy();
});

test('skip link moves keyboard focus to the content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});
