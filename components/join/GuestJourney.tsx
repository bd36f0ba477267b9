'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { callReducer, INITIAL_CALL_STATE, statusChange } from '@/components/call/call-machine';
import { END_MESSAGES } from '@/components/call/end-messages';
import { EndScreen } from '@/components/call/EndScreen';
import {
  beaconGuestLeft,
  fetchGuestToken,
  reportGuestStatus,
  TokenRefusedError,
  type GuestToken,
} from '@/components/call/guest-api';
import { GuestCallLoader, prefetchGuestCall } from '@/components/call/GuestCallLoader';
import { loadCompositeLocale } from '@/components/call/composite-locale';
import { LocalDateTime } from '@/components/ui/LocalDateTime';
import type { CallCloud } from '@/lib/calling/create-call-adapter';
import { LanguageSwitcher } from './LanguageSwitcher';
import { browserCanCall, UnsupportedBrowser } from './MediaHelp';
import { Prejoin, type JoinChoice } from './Prejoin';

const noSubscription = () => () => undefined;

/**
 * The call component imports its cloud's adapter only once it holds a token (createCallAdapter in
 * lib/calling/create-call-adapter.ts), so `npm run bench` saw those scripts fetched after the token,
 * inside Join now's wait. Importing the same module here, at idle, fetches the same chunks early;
 * the call component then finds the module loaded. Only the page's own cloud's adapter.
 */
function prefetchCallAdapter(cloud: CallCloud): () => void {
  const load = () =>
    void (cloud === 'azure' ? import('@/lib/calling/azure-call-adapter') : import('@/lib/calling/local/adapter')).catch(
      () => undefined,
    );
  if (!('requestIdleCallback' in window)) {
    const timer = setTimeout(load, 200);
    return () => clearTimeout(timer);
  }
  const idle = window.requestIdleCallback(load, { timeout: 1500 });
  return () => window.cancelIdleCallback(idle);
}

export interface GuestJourneyProps {
  shareId: string;
  email: string;
  subject: string;
  startDateTime: string;
  endDateTime: string;
  /** The name this share last joined with, to pre-fill "Your name". */
  defaultName: string;
  cloud: CallCloud;
  callingUrl?: string;
}

/**
 * A signed-in guest's way into the meeting and out again, one state at a time (see call-machine.ts):
 * the pre-join, joining (a token from the route), the composite's lobby and call, and Vestibule's
 * end screen with Rejoin. Reports in_lobby / joined / left to staff as it goes, best effort.
 */
export function GuestJourney(props: GuestJourneyProps) {
  const { shareId, cloud, callingUrl } = props;
  const t = useTranslations('Prejoin');
  const locale = useLocale();
  const [state, dispatch] = useReducer(callReducer, INITIAL_CALL_STATE);
  const [choice, setChoice] = useState<JoinChoice>();
  const [joined, setJoined] = useState<{ attempt: number; session: GuestToken }>();
  const previous = useRef(state);
  const attempt = state.kind === 'devices' ? 0 : state.attempt;

  // Only the browser can tell; the server render assumes it can (no flash of the warning).
  const supported = useSyncExternalStore(noSubscription, browserCanCall, () => true);

  // The call's code is usually in the cache already (the sign-in started it); after a reload it starts
  // here, at idle, so the camera preview comes first and Join now still does not wait for it. The
  // composite's strings in this language are small and load alongside.
  useEffect(() => {
    prefetchGuestCall();
    void loadCompositeLocale(locale);
  }, [locale]);
  useEffect(() => prefetchCallAdapter(cloud), [cloud]);

  useEffect(() => {
    const change = statusChange(previous.current, state);
    previous.current = state;
    if (change) reportGuestStatus(shareId, change);
  }, [state, shareId]);

  const present = state.kind === 'lobby' || state.kind === 'inCall';
  useEffect(() => {
    if (!present) return;
    // Closing the tab mid-call: the status call must leave with the page.
    const onHide = () => beaconGuestLeft(shareId);
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [present, shareId]);

  const displayName = choice?.displayName;
  useEffect(() => {
    if (state.kind !== 'joining' || !displayName) return;
    let cancelled = false;
    fetchGuestToken(shareId, displayName).then(
      (session) => {
        if (!cancelled) setJoined({ attempt, session });
      },
      (error: unknown) => {
        if (cancelled) return;
        if (error instanceof TokenRefusedError) dispatch({ type: 'tokenRefused', refusal: error.refusal });
        else dispatch({ type: 'joinFailed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [state.kind, attempt, shareId, displayName]);

  // The calling service refused the token (a resume after the share was revoked): ask the route why,
  // so the guest reads "withdrawn" or "expired" rather than a generic refusal with a futile Rejoin.
  const endedUnauthorized = state.kind === 'ended' && state.message === END_MESSAGES.unauthorized;
  useEffect(() => {
    if (!endedUnauthorized || !displayName) return;
    let cancelled = false;
    fetchGuestToken(shareId, displayName).catch((error: unknown) => {
      if (!cancelled && error instanceof TokenRefusedError) dispatch({ type: 'tokenRefused', refusal: error.refusal });
    });
    return () => {
      cancelled = true;
    };
  }, [endedUnauthorized, shareId, displayName]);

  const tokenRefresher = useCallback(async () => {
    try {
      return (await fetchGuestToken(shareId, displayName ?? '')).token;
    } catch (error) {
      // Withdrawn/expired/signed out: the call goes on (revocation is not a kick), and its end says why.
      if (error instanceof TokenRefusedError) dispatch({ type: 'tokenRefused', refusal: error.refusal });
      throw error;
    }
  }, [shareId, displayName]);

  const join = (next: JoinChoice) => {
    setChoice(next);
    dispatch({ type: 'join' });
  };

  if (state.kind === 'ended') {
    return (
      <EndScreen
        message={state.message}
        subject={props.subject}
        rejoining={false}
        onRejoin={() => dispatch({ type: 'join' })}
      />
    );
  }

  const session = joined?.attempt === attempt ? joined.session : undefined;
  if (state.kind !== 'devices' && session && choice) {
    return (
      <GuestCallLoader
        key={attempt}
        cloud={cloud}
        callingUrl={callingUrl}
        session={session}
        choice={choice}
        tokenRefresher={tokenRefresher}
        onEvent={dispatch}
      />
    );
  }

  // A rejoin goes straight back in with the same name and devices: no second pre-join.
  if (state.kind !== 'devices' && attempt > 1) {
    return (
      <p role="status" data-testid="rejoining">
        {t('rejoining', { subject: props.subject })}
      </p>
    );
  }

  return (
    <section data-testid="prejoin" aria-labelledby="prejoin-title">
      <LanguageSwitcher />
      <h1 id="prejoin-title">{props.subject}</h1>
      <p>
        <LocalDateTime start={props.startDateTime} end={props.endDateTime} locale={locale} />
      </p>
      {!supported ? (
        <UnsupportedBrowser />
      ) : (
        <Prejoin
          email={props.email}
          defaultName={choice?.displayName ?? props.defaultName}
          joining={state.kind === 'joining'}
          onJoin={join}
        />
      )}
    </section>
  );
}
