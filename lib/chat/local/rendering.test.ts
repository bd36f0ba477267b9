/**
 * What another participant's text does on screen. The composite (UI Library 1.34,
 * react-components ChatMessageContent) renders a `text` message as React children of react-linkify
 * with `<Link target="_blank" href={decoratedHref}>` around each link; the local adapter makes every
 * message `text` (chat-state.ts). This renders that same path, so markup or a `javascript:` URL from
 * someone else is proven to arrive as characters, never as elements or a clickable script.
 */
import { createElement, type ComponentType, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
// @ts-expect-error react-linkify (the UI Library's own dependency) ships no types; only its default export is used.
import LinkifyUntyped from 'react-linkify';
import { describe, expect, it } from 'vitest';
import { toChatMessage } from './chat-state';

const Linkify = LinkifyUntyped as ComponentType<{
  componentDecorator: (href: string, text: string, key: number) => ReactNode;
  children?: ReactNode;
}>;

function renderAsComposite(content: string): string {
  const message = toChatMessage({
    id: '1',
    sequenceId: '1',
    senderId: '8:acs:res_eve',
    senderDisplayName: 'Eve',
    content,
    createdOn: '2026-12-01T10:00:00.000Z',
  });
  expect(message.type).toBe('text');
  return renderToStaticMarkup(
    createElement(
      Linkify,
      {
        componentDecorator: (href: string, text: string, key: number) =>
          createElement('a', { target: '_blank', href, key }, text),
      },
      message.content?.message,
    ),
  );
}

describe("another participant's message on screen", () => {
  it('shows HTML as text: no element, no handler', () => {
    const html = renderAsComposite('<img src=x onerror=alert(1)><b>bold</b>');
    expect(html).not.toMatch(/<img|<b>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;bold&lt;/b&gt;');
  });

  it('links http(s) addresses but never a javascript: URL, written plainly or as an anchor', () => {
    const html = renderAsComposite(
      'see https://example.com/a?b=1 or javascript:alert(1) or <a href="javascript:alert(2)">x</a>',
    );
    expect(html).toContain('<a target="_blank" href="https://example.com/a?b=1">https://example.com/a?b=1</a>');
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html.match(/<a /g)).toHaveLength(1);
  });
});
