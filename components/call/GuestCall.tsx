'use client';

// Must stay the first import: it configures Fluent UI before Fluent loads.
import '@/components/ui/fluent-setup';
import {
  COMPOSITE_LOCALE_EN_US,
  type CallAdapterCallEndedEvent,
  type CallAdapterState,
  type CallWithChatAdapter,
  type CallWithChatAdapterState,
  type CommonCallAdapter,
  type CompositeLocale,
} from '@azure/communication-react';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { JoinChoice } from '@/components/join/Prejoin';
import { registerFluentIcons } from '@/components/ui/fluent-icons';
import type { CallCloud } from '@/lib/calling/create-call-adapter';
import { createCallSession, type CallSession } from '@/lib/chat/create-call-session';
import { isLocalCallAdapter } from '@/lib/calling/local/brand';
import type { CallEvent } from './call-machine';
import { loadCompositeLocale } from './composite-locale';
import { compositeOptions } from './composite-options';
import { MeetingComposite } from './MeetingComposite';
import { EnableSoundPrompt } from './EnableSoundPrompt';
import type { GuestToken } from './guest-api';
import { vestibuleTheme } from './theme';
import { useFormFactor } from './use-form-factor';
import { useDebugHook, useLocalExtras } from './use-local-extras';
import { useTakeWindow } from './use-take-window';

registerFluentIcons();

export interface GuestCallProps {
  cloud: CallCloud;
  /** Local mode: the emulator's calling service. */
  callingUrl?: string;
  /** What the token route answered for this join. */
  session: GuestToken;
  /** The pre-join's choices: the call starts with them, so the composite skips its own set-up page. */
  choice: JoinChoice;
  /** Fresh tokens through the token route; rejects (and tells the parent) when the route refuses. */
  tokenRefresher: () => Promise<string>;
  /** Where the call is (lobby, call) and how it ended, for the parent's state machine. */
  onEvent: (event: CallEvent) => void;
}

/** The lobby text guests know from Teams, instead of the composite's "Waiting to be admitted". */
function withLobbyText(base: CompositeLocale, title: string, details: string): CompositeLocale {
  return {
    ...base,
    strings: {
      ...base.strings,
      call: {
        ...base.strings.call,
        lobbyScreenWaitingToBeAdmittedTitle: title,
        lobbyScreenWaitingToBeAdmittedMoreDetails: details,
      },
    },
  };
}

/**
 * The composite's strings in the page's language. Until they arrive the composite waits (no flash of
 * English); if they can't be loaded, English — the composite's own default, already in its bundle.
 */
function useCompositeLocale(): CompositeLocale | undefined {
  const locale = useLocale();
  const t = useTranslations('Call');
  const [loaded, setLoaded] = useState<{ locale: string; strings: CompositeLocale }>();
  useEffect(() => {
    let cancelled = false;
    loadCompositeLocale(locale).then(
      (strings) => !cancelled && setLoaded({ locale, strings }),
      () => !cancelled && setLoaded({ locale, strings: COMPOSITE_LOCALE_EN_US }),
    );
    return () => {
      cancelled = true;
    };
  }, [locale]);
  const base = loaded?.locale === locale ? loaded.strings : undefined;
  const title = t('lobbyTitle');
  const details = t('lobbyDetails');
  return useMemo(() => (base ? withLobbyText(base, title, details) : undefined), [base, title, details]);
}

type Device = { id: string; name: string };
function pick<T extends Device>(list: T[], want: { id: string; label: string } | undefined): T | undefined {
  if (!want) return undefined;
  // The Calling SDK has its own device ids; the label is what both lists share.
  return list.find((d) => d.id === want.id) ?? list.find((d) => d.name === want.label);
}

/** The device operations both adapters share (a call adapter, or a call-with-chat adapter around one). */
type Devices = Pick<
  CommonCallAdapter,
  | 'askDevicePermission'
  | 'queryCameras'
  | 'queryMicrophones'
  | 'querySpeakers'
  | 'setCamera'
  | 'setMicrophone'
  | 'setSpeaker'
>;

/** Selects the pre-join's devices on the adapter; a device that can't be selected leaves the default. */
async function applyChoice(adapter: Devices, choice: JoinChoice): Promise<void> {
  if (choice.cameraOn || choice.microphoneOn) {
    await adapter.askDevicePermission({ audio: choice.microphoneOn, video: choice.cameraOn }).catch(() => undefined);
  }
  const [cameras, microphones, speakers] = await Promise.all([
    adapter.queryCameras().catch(() => []),
    adapter.queryMicrophones().catch(() => []),
    adapter.querySpeakers().catch(() => []),
  ]);
  const camera = pick(cameras, choice.camera);
  const microphone = pick(microphones, choice.microphone);
  const speaker = pick(speakers, choice.speaker);
  await Promise.all([
    camera ? adapter.setCamera(camera).catch(() => undefined) : undefined,
    microphone ? adapter.setMicrophone(microphone).catch(() => undefined) : undefined,
    speaker ? adapter.setSpeaker(speaker).catch(() => undefined) : undefined,
  ]);
}

/**
 * Where the call is, from the call adapter's state (its `endedCall` says how it ended). Calls `report`
 * for this join only; returns the unsubscribe.
 */
function watchCallAdapter(
  adapter: CommonCallAdapter,
  report: (event: CallEvent) => void,
  onPage: (page: CallAdapterState['page']) => void,
): () => void {
  // Ends before this join (none for a new adapter) are not this call's end.
  const before = adapter.getState().endedCall;
  const onState = (state: CallAdapterState) => {
    onPage(state.page);
    if (!state.call && state.endedCall === before) return;
    const event = eventOf(state);
    if (event) report(event);
  };
  adapter.onStateChange(onState);
  return () => adapter.offStateChange(onState);
}

/**
 * The same from the UI Library's Azure call-with-chat adapter, whose state has no `endedCall`: the
 * end's code and subcode come with its `callEnded` event, and "no network" is the page it shows.
 */
function watchCallWithChat(
  adapter: CallWithChatAdapter,
  report: (event: CallEvent) => void,
  onPage: (page: CallAdapterState['page']) => void,
): () => void {
  const onState = (state: CallWithChatAdapterState) => {
    onPage(state.page);
    if (state.call) report({ type: 'page', page: state.page, waiting: state.call.state === 'InLobby' });
  };
  const onEnded = (event: CallAdapterCallEndedEvent) =>
    report({
      type: 'ended',
      code: event.code ?? 0,
      subCode: event.subCode ?? 0,
      noNetwork: adapter.getState().page === 'joinCallFailedDueToNoNetwork',
    });
  adapter.onStateChange(onState);
  adapter.on('callEnded', onEnded);
  return () => {
    adapter.offStateChange(onState);
    adapter.off('callEnded', onEnded);
  };
}

function eventOf(state: CallAdapterState): CallEvent | undefined {
  if (state.call) return { type: 'page', page: state.page, waiting: state.call.state === 'InLobby' };
  const ended = state.endedCall;
  if (!ended) return undefined;
  return {
    type: 'ended',
    code: ended.callEndReason?.code ?? 0,
    subCode: ended.callEndReason?.subCode ?? 0,
    noNetwork: Boolean(ended.diagnostics?.network?.latest?.noNetwork),
  };
}

/**
 * The guest's call, full-window: one session from the one factory for this join (the call adapter,
 * with the meeting's chat when the token carries it), the pre-join's devices selected on it,
 * `joinCall` with the pre-join's camera/microphone, then the `CallWithChatComposite` (chat) or the
 * `CallComposite` in Vestibule's colours. The parent shows the end; this component reports it and is unmounted
 * (which disposes the adapter and, in Azure mode, its token credential).
 */
export default function GuestCall({ cloud, callingUrl, session, choice, tokenRefresher, onEvent }: GuestCallProps) {
  const t = useTranslations('Call');
  const compositeLocale = useCompositeLocale();
  const [joined, setJoined] = useState<CallSession>();
  const [failed, setFailed] = useState(false);
  const [page, setPage] = useState<CallAdapterState['page']>();
  // The props of the first render start the call; later renders must not start another.
  const start = useRef({ cloud, callingUrl, session, choice, tokenRefresher, onEvent });
  const report = useRef(onEvent);
  useEffect(() => {
    report.current = onEvent;
  }, [onEvent]);

  useEffect(() => {
    const { cloud, callingUrl, session, choice, tokenRefresher } = start.current;
    let cancelled = false;
    let created: CallSession | undefined;
    let stopWatching: (() => void) | undefined;
    createCallSession({
      cloud,
      callingUrl,
      userId: session.userId,
      displayName: session.displayName,
      token: session.token,
      locator: session.locator,
      tokenRefresher,
      chat: session.chat,
    })
      .then(async (s) => {
        created = s;
        if (cancelled) return s.dispose();
        // The call adapter where the page has one (local, or no chat); else the Azure call-with-chat adapter.
        const target = s.call ?? s.callWithChat;
        if (!target) throw new Error('The call could not be prepared.');
        await applyChoice(target, choice);
        if (cancelled) return;
        const tell = (event: CallEvent) => report.current(event);
        stopWatching = s.call
          ? watchCallAdapter(s.call, tell, setPage)
          : watchCallWithChat(target as CallWithChatAdapter, tell, setPage);
        // The pre-join was the set-up page: joining at once means the composite never shows its own.
        target.joinCall({ microphoneOn: choice.microphoneOn, cameraOn: choice.cameraOn });
        setJoined(s);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setFailed(true);
        report.current({
          type: 'joinFailed',
          // Shown as the end screen's detail, under a translated heading and advice.
          message: error instanceof Error ? error.message : String(error),
        });
      });
    return () => {
      cancelled = true;
      stopWatching?.();
      created?.dispose();
    };
  }, []);

  const adapter = joined?.call;
  const local = isLocalCallAdapter(adapter) ? adapter : undefined;
  const extras = useLocalExtras(adapter);
  useDebugHook(local);
  const formFactor = useFormFactor();
  const theme = useMemo(() => vestibuleTheme(), []);
  const options = useMemo(() => compositeOptions(cloud, extras.role === 'attendee'), [cloud, extras.role]);
  const notice = cloud === 'local' ? extras.notice : undefined;
  const layer = useRef<HTMLDivElement>(null);
  useTakeWindow(layer);

  return (
    <div
      ref={layer}
      data-testid="guest-call"
      data-form-factor={formFactor}
      role="region"
      aria-label={t('region')}
      // Full window: the site's header and footer give way to the meeting.
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 100,
        background: 'var(--bg)',
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      {/* The page's one level-one heading while the call covers it (the composite draws none): where the
          guest is, for screen-reader users who navigate by headings. */}
      <h1 className="visually-hidden" data-testid="call-heading">
        {page === 'lobby'
          ? 'Waiting to be let into the meeting'
          : page === 'call'
            ? 'In the meeting'
            : 'Joining the meeting'}
      </h1>
      <p
        role="status"
        aria-live="polite"
        className={notice ? `banner banner--${notice.kind === 'error' ? 'error' : 'info'}` : undefined}
        style={notice ? { margin: '0.5rem' } : { margin: 0 }}
        data-testid="call-status"
      >
        {notice?.message ?? (joined || failed ? '' : t('joining'))}
      </p>
      {local && extras.audioBlocked ? (
        <EnableSoundPrompt
          onEnable={() => void local.resumeAudio()}
          text={{ paused: t('soundPaused'), enable: t('enableSound') }}
        />
      ) : null}
      <div style={{ flex: 1, minHeight: 0, position: 'relative' }}>
        {/* With the meeting's chat when this token has it; the composite shows chat only in the call. */}
        {compositeLocale ? (
          <MeetingComposite
            call={adapter}
            callWithChat={joined?.callWithChat}
            options={options}
            formFactor={formFactor}
            locale={compositeLocale}
            fluentTheme={theme}
          />
        ) : null}
      </div>
    </div>
  );
}
