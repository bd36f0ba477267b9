'use client';

import {
  CallComposite,
  CallWithChatComposite,
  type CallCompositeOptions,
  type CallWithChatAdapter,
  type CommonCallAdapter,
  type CompositeLocale,
} from '@azure/communication-react';
import type { PartialTheme, Theme } from '@fluentui/react';
import { useMemo } from 'react';
import { callWithChatOptions } from '@/lib/chat/call-with-chat-options';

export interface MeetingCompositeProps {
  /** The call alone, used when there is no chat adapter (an Azure call with chat has none of its own). */
  call?: CommonCallAdapter;
  /** The call with the meeting's chat, when this session has chat. */
  callWithChat?: CallWithChatAdapter;
  /** The call composite's options; the chat composite gets the same ones (`callWithChatOptions`). */
  options: CallCompositeOptions;
  formFactor: 'desktop' | 'mobile';
  fluentTheme: PartialTheme | Theme;
  locale: CompositeLocale;
}

/**
 * The meeting as the UI Library draws it, for the guest's and the host's call pages alike: with the
 * meeting's chat (`CallWithChatComposite`) when the session has it, else the `CallComposite`;
 * nothing while neither adapter exists yet.
 */
export function MeetingComposite({ call, callWithChat, options, ...common }: MeetingCompositeProps) {
  const chatOptions = useMemo(() => callWithChatOptions(options), [options]);
  if (callWithChat) return <CallWithChatComposite adapter={callWithChat} options={chatOptions} {...common} />;
  return call ? <CallComposite adapter={call} options={options} {...common} /> : null;
}
