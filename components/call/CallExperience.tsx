'use client';

// Must stay the first import: it configures Fluent UI before Fluent loads.
import '@/components/ui/fluent-setup';
import { COMPOSITE_LOCALE_EN_US, FluentThemeProvider, type CompositeLocale } from '@azure/communication-react';
import { useEffect, useMemo, useState } from 'react';
import { registerFluentIcons } from '@/components/ui/fluent-icons';
import type { CallCloud, CallLocator } from '@/lib/calling/create-call-adapter';
import { createCallSession, type CallSession } from '@/lib/chat/create-call-session';
import type { HostControlsView } from '@/lib/calling/host-controls';
import type { LocalCallExtras } from '@/lib/calling/local/adapter';
import { isLocalCallAdapter } from '@/lib/calling/local/brand';
import { compositeOptions } from './composite-options';
import { MeetingComposite } from './MeetingComposite';
import { EnableSoundPrompt } from './EnableSoundPrompt';
import { HostPanel } from './HostPanel';
import { vestibuleTheme } from './theme';
import { useFormFactor } from './use-form-factor';
import { useHostControls, useHostView } from './use-host-controls';
import { useDebugHook, useLocalExtras } from './use-local-extras';

registerFluentIcons();

/**
 * No "Start a call" title on the set-up page: the page's level-one heading is already the meeting's
 * subject, and the composite draws that title as an SVG carrying `aria-level`, which SVG does not
 * allow (axe aria-allowed-attr, critical). An empty title is the composite's own way to leave it out.
 */
const HOST_LOCALE: CompositeLocale = {
  ...COMPOSITE_LOCALE_EN_US,
  strings: {
    ...COMPOSITE_LOCALE_EN_US.strings,
    call: { ...COMPOSITE_LOCALE_EN_US.strings.call, configurationPageTitle: '' },
  },
};

export interface CallExperienceProps {
  cloud: CallCloud;
  /** Local mode: the emulator's calling service, e.g. `ws://localhost:4010/calling`. */
  callingUrl?: string;
  token: string;
  /** Raw identifier (`8:acs:…`; staff in local mode may be `8:orgid:…`). */
  userId: string;
  displayName: string;
  locator: CallLocator;
  /** Same-origin endpoint answering `POST` with `{ token }` for the same identity; without it the token is not refreshed. */
  tokenEndpoint?: string;
  /** The host call page's meeting (Graph id): enables the host's lobby panel. Guests' calls have none. */
  hostMeetingId?: string;
  /**
   * The meeting allows chat (Graph's allowMeetingChat): the meeting's chat beside the call where the
   * cloud and identity can have it (local mode; in azure mode staff are Teams users and chat in Teams).
   */
  chat?: boolean;
}

export default function CallExperience(props: CallExperienceProps) {
  const { cloud, callingUrl, token, userId, displayName, tokenEndpoint, chat = false } = props;
  // The locator is compared by value: a new object with the same meeting must not drop the call.
  const locatorKey = JSON.stringify(props.locator);
  const [created, setCreated] = useState<{ session: CallSession; key: string } | undefined>();
  const [failure, setFailure] = useState<{ message: string; key: string } | undefined>();
  // The initial token only seeds the adapter; refreshes go through `tokenEndpoint`.
  const [initialToken] = useState(token);
  const joinKey = `${cloud}|${callingUrl ?? ''}|${userId}|${displayName}|${locatorKey}|${tokenEndpoint ?? ''}|${chat}`;

  // One adapter per join. StrictMode mounts effects twice: the first adapter is disposed (dispose is
  // idempotent) and a late-resolving one is disposed as soon as it arrives.
  useEffect(() => {
    let cancelled = false;
    let session: CallSession | undefined;
    const tokenRefresher = async (): Promise<string> => {
      if (!tokenEndpoint) return initialToken;
      const response = await fetch(tokenEndpoint, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`Token refresh failed (${response.status}).`);
      const body = (await response.json()) as { token?: unknown };
      if (typeof body.token !== 'string') throw new Error('Token refresh returned no token.');
      return body.token;
    };
    createCallSession({
      cloud,
      callingUrl,
      userId,
      displayName,
      token: initialToken,
      locator: JSON.parse(locatorKey) as CallLocator,
      tokenRefresher,
      chat: { enabled: chat },
    }).then(
      (s) => {
        if (cancelled) {
          s.dispose();
          return;
        }
        session = s;
        setCreated({ session: s, key: joinKey });
      },
      (error: unknown) => {
        if (!cancelled) setFailure({ message: error instanceof Error ? error.message : String(error), key: joinKey });
      },
    );
    return () => {
      cancelled = true;
      session?.dispose();
    };
  }, [cloud, callingUrl, userId, displayName, locatorKey, tokenEndpoint, initialToken, joinKey, chat]);

  const session = created?.key === joinKey ? created.session : undefined;
  // Staff always have a call adapter of their own (createCallSession gives one in every case but an
  // Azure guest's chat, and staff are never that): the lobby panel and local extras read it.
  const adapter = session?.call;
  const extras = useLocalExtras(adapter);
  const local = isLocalCallAdapter(adapter) ? adapter : undefined;

  const hostControls = useHostControls(adapter);
  const hostView = useHostView(hostControls);

  useDebugHook(local);

  const isAttendee = extras.role === 'attendee';
  const options = useMemo(() => compositeOptions(cloud, isAttendee), [cloud, isAttendee]);
  const status = statusLine(cloud, extras, hostView);
  // The brand's palette, as on the guests' call (issue #14: the host's composite was Fluent blue).
  const theme = useMemo(() => vestibuleTheme(), []);
  const formFactor = useFormFactor();

  if (failure?.key === joinKey) {
    return (
      <div role="alert" className="banner banner--error">
        Could not start the meeting: {failure.message}
      </div>
    );
  }
  if (!adapter) return <p role="status">Preparing the meeting…</p>;

  const hostMeetingId = props.hostMeetingId;
  // Both clouds: the host page, once connected as someone who may act on the lobby.
  const showLobby =
    hostControls &&
    hostMeetingId &&
    hostView.isHost &&
    hostView.connection !== 'idle' &&
    hostView.connection !== 'closed';

  return (
    <FluentThemeProvider fluentTheme={theme}>
      <div
        className="call-experience"
        style={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: '36rem', gap: '0.5rem' }}
      >
        {/* The live region is always in the DOM and only its text changes: screen readers announce
            changes to an existing region, not a region that appears with its text already in it. */}
        <p
          role="status"
          aria-live="polite"
          className={status ? `banner banner--${status.kind === 'error' ? 'error' : 'info'}` : undefined}
          style={status ? undefined : { margin: 0 }}
          data-testid="call-status"
          data-status-kind={status?.kind}
        >
          {status?.message ?? ''}
        </p>
        {local && extras.audioBlocked ? <EnableSoundPrompt onEnable={() => void local.resumeAudio()} /> : null}
        <div className="call-experience__body">
          <div style={{ flex: 1, minWidth: 0, position: 'relative' }}>
            <MeetingComposite
              call={adapter}
              callWithChat={session?.callWithChat}
              options={options}
              formFactor={formFactor}
              fluentTheme={theme}
              locale={HOST_LOCALE}
            />
          </div>
          {showLobby ? (
            <aside className="call-experience__aside">
              <HostPanel controls={hostControls} view={hostView} meetingId={hostMeetingId} />
            </aside>
          ) : null}
        </div>
      </div>
    </FluentThemeProvider>
  );
}

function statusLine(
  cloud: CallCloud,
  extras: LocalCallExtras,
  host: HostControlsView,
): { kind: 'info' | 'warning' | 'error'; message: string } | undefined {
  // In Azure mode the composite reports the call's own state; only a host action's refusal is ours.
  if (cloud !== 'local') return host.notice;
  if (extras.notice) return extras.notice;
  if (extras.connection === 'reconnecting') return { kind: 'warning', message: 'Reconnecting to the meeting…' };
  return undefined;
}
