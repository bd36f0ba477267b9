/**
 * What to do when the browser can't take part in a call, or blocked the camera and microphone:
 * plain steps per browser, since the fix lives in the browser's own settings, not on this page.
 */

/** True where a call can work at all: camera/microphone capture and WebRTC. */
export function browserCanCall(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.RTCPeerConnection === 'function' &&
    typeof navigator.mediaDevices?.getUserMedia === 'function'
  );
}

export function UnsupportedBrowser() {
  return (
    <div role="alert" className="banner banner--error" data-testid="unsupported-browser">
      <p style={{ margin: 0 }}>
        <strong>This browser can’t join the meeting.</strong> It doesn’t give web pages access to a camera, microphone
        or video calls (or the page isn’t opened over a secure connection).
      </p>
      <p style={{ margin: '0.5rem 0 0' }}>
        Open your invitation in a current version of Microsoft Edge, Google Chrome, Firefox or Safari. On a phone, use
        Safari on iPhone or Chrome on Android rather than the browser inside a mail or chat app.
      </p>
    </div>
  );
}

export function PermissionHelp({ onRetry }: { onRetry: () => void }) {
  return (
    <div role="alert" className="banner banner--error" data-testid="permission-help">
      <p style={{ margin: 0 }}>
        <strong>Your browser blocked the camera and microphone for this site.</strong> You can still join to listen and
        watch; to be seen and heard, allow them:
      </p>
      <ul style={{ margin: '0.5rem 0' }}>
        <li>
          <strong>Chrome or Edge:</strong> click the camera icon (or the padlock) at the right or left of the address
          bar, choose “Allow” for camera and microphone.
        </li>
        <li>
          <strong>Firefox:</strong> click the crossed-out camera icon in the address bar and remove the block, or open
          Settings → Privacy &amp; Security → Permissions.
        </li>
        <li>
          <strong>Safari:</strong> Safari → Settings for This Website (on iPhone: the “aA” button → Website Settings),
          set Camera and Microphone to “Allow”. On a Mac, also check System Settings → Privacy &amp; Security.
        </li>
      </ul>
      <button type="button" className="button button--secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
