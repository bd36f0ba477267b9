import { randomUUID } from 'node:crypto';

import type { Db } from '../store/db';

/**
 * A part of a message other than its text and HTML: a file, or an alternative such as the
 * `text/calendar` part of a calendar invitation. `method` is the iTIP method of a calendar part
 * (`REQUEST`, `CANCEL`…); `content` is the decoded text of textual parts, null for binary ones.
 */
export type MailAttachment = {
  filename: string | null;
  contentType: string;
  disposition: string | null;
  method: string | null;
  size: number;
  content: string | null;
};

export type MailMessage = {
  id: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
  links: string[];
  receivedDateTime: string;
};

/** Absolute http(s) URLs in the text and in html href attributes, de-duplicated, in order. */
export function extractLinks(text: string, html: string): string[] {
  const found: string[] = [];
  const decode = (s: string) =>
    s
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>');
  for (const m of html.matchAll(/href\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const v = decode((m[1] ?? m[2] ?? '').trim());
    if (/^https?:\/\//i.test(v)) found.push(v);
  }
  for (const source of [text, decode(html.replace(/<[^>]*>/g, ' '))]) {
    for (const m of source.matchAll(/https?:\/\/[^\s<>"')\]]+/gi)) found.push(m[0].replace(/[.,;:!?]+$/, ''));
  }
  return [...new Set(found)];
}

let seq = 0;

export function insertMail(db: Db, msg: Omit<MailMessage, 'id' | 'links' | 'receivedDateTime'>): MailMessage {
  const full: MailMessage = {
    ...msg,
    id: randomUUID(),
    links: extractLinks(msg.text, msg.html),
    receivedDateTime: new Date().toISOString(),
  };
  const recipients = [...msg.to, ...msg.cc].map((a) => a.toLowerCase());
  db.prepare('INSERT INTO mail (id, received_at, seq, recipients, doc) VALUES (?, ?, ?, ?, ?)').run(
    full.id,
    full.receivedDateTime,
    Date.now() * 1000 + (seq++ % 1000),
    JSON.stringify(recipients),
    JSON.stringify(full),
  );
  return full;
}

/** Newest first; `to` matches any recipient (to or cc), case-insensitively. */
export function listMail(db: Db, to?: string): MailMessage[] {
  const rows = (
    to
      ? db
          .prepare('SELECT doc FROM mail, json_each(mail.recipients) r WHERE r.value = ? ORDER BY seq DESC')
          .all(to.trim().toLowerCase())
      : db.prepare('SELECT doc FROM mail ORDER BY seq DESC').all()
  ) as { doc: string }[];
  // Messages stored before attachments were kept have none.
  return rows.map((r) => {
    const message = JSON.parse(r.doc) as Partial<MailMessage> & Omit<MailMessage, 'attachments'>;
    return { ...message, attachments: message.attachments ?? [] };
  });
}

export function clearMail(db: Db): void {
  db.prepare('DELETE FROM mail').run();
}
