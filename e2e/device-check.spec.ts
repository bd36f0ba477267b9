import { expect, test } from './fixtures';
import { expectNoNewA11yViolations } from './support/a11y';

test('device check shows a live preview from the camera and a moving microphone level', async ({ page }) => {
  await page.goto('/device-check');
  const video = page.getByTestId('camera-preview');
  await expect(video).toBeVisible();

  // Frames must be decoding, not just an element on the page: size is known and time advances.
  const sample = () =>
    video.evaluate((v: HTMLVideoElement) => ({ w: v.videoWidth, h: v.videoHeight, t: v.currentTime }));
  await expect.poll(async () => (await sample()).w).toBeGreaterThan(0);
  const first = await sample();
  await expect.poll(async () => (await sample()).t).toBeGreaterThan(first.t);
  await expectNoNewA11yViolations(page, 'device check');

  // Chromium's fake microphone plays a beep: the meter must pick it up.
  const meter = page.getByRole('meter', { name: 'Microphone level' });
  await expect
    .poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 10_000 })
    .toBeGreaterThan(0);

  // The UI Library's buttons drive the devices.
  const camera = page.getByRole('button', { name: 'Camera' });
  await camera.click();
  await expect(video).toHaveCount(0);
  await expect(page.getByText('Camera is off')).toBeVisible();
  await camera.click();
  await expect(page.getByTestId('camera-preview')).toBeVisible();

  const mic = page.getByRole('button', { name: 'Mic' });
  await mic.click();
  await expect(page.getByText('Microphone is muted.')).toBeVisible();
  await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow'))).toBe(0);

  const cameras = page.getByLabel('Camera', { exact: true });
  await expect(cameras.locator('option')).not.toHaveCount(0);
});
