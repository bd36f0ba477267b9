/**
 * The calling service's socket layer: one Session per WebSocket, with its flood bucket, frame
 * decoding, the `ended`-then-close rule and the heartbeat that finds silent sockets. It knows nothing
 * about calls; the service attaches a participant to a session once it has joined.
 */
import { type RawData, WebSocket } from 'ws';

import { END, type EndName, type ServerMessage } from '../../lib/contracts/calling-protocol';
import { ClientMessage, parseFrame } from '../../lib/contracts/calling-protocol-schemas';

export type Session<P = unknown> = {
  id: number;
  ws: WebSocket;
  participant?: P;
  joining: boolean;
  /** Frames that arrived while the join was being verified; handled once it is done. */
  pending: ClientMessage[];
  /** Set once an `ended` frame was sent: the close that follows is not a drop. */
  ended: boolean;
  lastSeen: number;
  bucket: FloodBucket;
  joinTimer?: NodeJS.Timeout;
};

/**
 * A token bucket: `ratePerS` frames per second sustained, bursts up to `burst` (ICE trickle to
 * several peers at once is a legitimate burst).
 */
export class FloodBucket {
  #tokens: number;
  #refilledAt: number;

  constructor(
    private readonly ratePerS: number,
    private readonly burst: number,
    now = Date.now(),
  ) {
    this.#tokens = burst;
    this.#refilledAt = now;
  }

  /** Takes one token; false when the socket is over its limit. */
  take(now = Date.now()): boolean {
    this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#refilledAt) / 1000) * this.ratePerS);
    this.#refilledAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

export function newSession<P>(id: number, ws: WebSocket, flood: { ratePerS: number; burst: number }): Session<P> {
  return {
    id,
    ws,
    joining: false,
    pending: [],
    ended: false,
    lastSeen: Date.now(),
    bucket: new FloodBucket(flood.ratePerS, flood.burst),
  };
}

/**
 * Why an upgrade to `/calling` is refused (an HTTP status line), or undefined to accept it. Browsers
 * always send Origin: only Vestibule's own pages may open the socket (no cross-site WebSocket
 * hijacking). Clients without Origin are not browsers (tests, the benchmark); they still need a valid
 * ACS token to join.
 */
export function upgradeRefusal(
  path: string,
  origin: string | undefined,
  appOrigins: string[],
  closing: boolean,
): string | undefined {
  if (path !== '/') return '404 Not Found';
  if (closing) return '503 Service Unavailable';
  if (origin !== undefined && !appOrigins.includes(origin.replace(/\/+$/, ''))) return '403 Forbidden';
  return undefined;
}

export type Decoded = { ok: true; msg: ClientMessage } | { ok: false; message: string };

/** Turns one WebSocket frame into a validated client message. */
export function decodeFrame(data: RawData, isBinary: boolean): Decoded {
  if (isBinary) return { ok: false, message: 'Frames are JSON text.' };
  const text = Buffer.isBuffer(data)
    ? data.toString('utf8')
    : Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data).toString('utf8');
  const msg = parseFrame(ClientMessage, text);
  return msg ? { ok: true, msg } : { ok: false, message: 'Not a valid calling protocol message.' };
}

export function send(session: Session | undefined, msg: ServerMessage): void {
  if (!session || session.ws.readyState !== WebSocket.OPEN) return;
  session.ws.send(JSON.stringify(msg));
}

export function sendError(session: Session | undefined, code: string, message: string): void {
  send(session, { type: 'error', code, message });
}

/** Sends `ended` (code, subCode and reason from the one END table) and closes normally (1000). */
export function endSession(session: Session | undefined, end: EndName): void {
  if (!session || session.ended) return;
  session.ended = true;
  clearTimeout(session.joinTimer);
  const { code, subCode, reason } = END[end];
  send(session, { type: 'ended', code, subCode, reason });
  if (session.ws.readyState === WebSocket.OPEN || session.ws.readyState === WebSocket.CONNECTING) {
    session.ws.close(1000, 'call ended');
  }
}

/**
 * One heartbeat: sockets silent for longer than `idleTimeoutMs` are cut (their participant then waits
 * for a resume); the others get a ping, whose pong counts as a sign of life.
 */
export function heartbeat(sessions: Iterable<Session>, idleTimeoutMs: number, onIdle: (s: Session) => void): void {
  const now = Date.now();
  for (const s of sessions) {
    if (now - s.lastSeen > idleTimeoutMs) {
      onIdle(s);
      s.ws.terminate();
    } else if (s.ws.readyState === WebSocket.OPEN) {
      s.ws.ping();
    }
  }
}

/** Closes every socket with 1012 (service restart) and waits for them, at most 500 ms each. */
export async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          const t = setTimeout(() => {
            ws.terminate();
            resolve();
          }, 500);
          ws.once('close', () => {
            clearTimeout(t);
            resolve();
          });
          ws.close(1012, 'emulator restarting');
        }),
    ),
  );
}
