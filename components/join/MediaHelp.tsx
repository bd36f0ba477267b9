'use client';

/**
 * What to do when the browser can't take part in a call, or blocked the camera and microphone:
 * plain steps per browser, since the fix lives in the browser's own settings, not on this page.
 */
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';

/** True where a call can work at all: camera/microphone capture and WebRTC. */
export function browserCanCall(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.RTCPeerConnection === 'function' &&
    typeof navigator.mediaDevices?.getUserMedia === 'function'
  );
}

const strong = (chunks: ReactNode) => <strong>{chunks}</strong>;

export function UnsupportedBrowser() {
  const t = useTranslations('Media');
  return (
    <div role="alert" className="banner banner--error" data-testid="unsupported-browser">
      <p style={{ margin: 0 }}>
        <strong>{t('unsupportedTitle')}</strong> {t('unsupportedBody')}
      </p>
      <p style={{ margin: '0.5rem 0 0' }}>{t('unsupportedHelp')}</p>
    </div>
  );
}

export function PermissionHelp({ onRetry }: { onRetry: () => void }) {
  const t = useTranslations('Media');
  const devices = useTranslations('Devices');
  return (
    <div role="alert" className="banner banner--error" data-testid="permission-help">
      <p style={{ margin: 0 }}>
        <strong>{t('permissionTitle')}</strong> {t('permissionBody')}
      </p>
      <ul style={{ margin: '0.5rem 0' }}>
        <li>{t.rich('permissionChrome', { strong })}</li>
        <li>{t.rich('permissionFirefox', { strong })}</li>
        <li>{t.rich('permissionSafari', { strong })}</li>
      </ul>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        {devices('tryAgain')}
      </button>
    </div>
  );
}
