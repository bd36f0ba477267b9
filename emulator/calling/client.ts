/**
 * A minimal protocol client for the calling service, used by its tests and the benchmark (no media,
 * no WebRTC): a `ws` socket that records every server message and lets the caller wait for one.
 */
import { WebSocket } from 'ws';

import { ServerMessage, parseFrame } from '../../lib/contracts/calling-protocol-schemas';

type Msg = ServerMessage;
type Of<T extends Msg['type']> = Extract<Msg, { type: T }>;

export class CallClient {
  readonly ws: WebSocket;
  /** Every message received, in order. */
  readonly received: Msg[] = [];
  readonly opened: Promise<void>;
  /** Resolves with the close code once the socket closes. */
  readonly closed: Promise<{ code: number; reason: string }>;
  closeCode: number | undefined;
  /** Frames from the server that did not match ServerMessage (a test should expect none). */
  readonly invalidFrames: string[] = [];
  #cursor = new Map<string, number>();
  #waiters = new Set<() => void>();

  constructor(url: string, opts: { origin?: string } = {}) {
    this.ws = new WebSocket(url, opts.origin ? { origin: opts.origin } : {});
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => {
      this.ws.on('close', (code, reason) => {
        this.closeCode = code;
        resolve({ code, reason: reason.toString() });
        this.#wake();
      });
    });
    this.ws.on('error', () => undefined);
    this.ws.on('message', (data) => {
      const text = Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Array.isArray(data)
          ? Buffer.concat(data).toString('utf8')
          : Buffer.from(data).toString('utf8');
      const msg = parseFrame(ServerMessage, text);
      if (!msg) this.invalidFrames.push(text);
      else this.received.push(msg);
      this.#wake();
    });
  }

  #wake(): void {
    for (const w of this.#waiters) w();
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  /** All messages of a type received so far. */
  all<T extends Msg['type']>(type: T): Of<T>[] {
    return this.received.filter((m): m is Of<T> => m.type === type);
  }

  /**
   * The next message of `type` (matching `pred`) not yet returned by `next` for this type; waits for
   * it up to `timeoutMs`. Rejects early when the socket closes without it.
   */
  next<T extends Msg['type']>(type: T, pred: (m: Of<T>) => boolean = () => true, timeoutMs = 5_000): Promise<Of<T>> {
    return this.#wait([type], pred as (m: Msg) => boolean, timeoutMs) as Promise<Of<T>>;
  }

  /** The next message of any of `types`. */
  nextOf<T extends Msg['type']>(types: T[], timeoutMs = 5_000): Promise<Of<T>> {
    return this.#wait(types, () => true, timeoutMs) as Promise<Of<T>>;
  }

  #wait(types: string[], pred: (m: Msg) => boolean, timeoutMs: number): Promise<Msg> {
    const key = types.join('|');
    const find = (): Msg | undefined => {
      const start = this.#cursor.get(key) ?? 0;
      for (let i = start; i < this.received.length; i++) {
        const m = this.received[i]!;
        if (types.includes(m.type) && pred(m)) {
          this.#cursor.set(key, i + 1);
          return m;
        }
      }
      return undefined;
    };
    const hit = find();
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const check = () => {
        const m = find();
        if (m) {
          done();
          resolve(m);
        } else if (this.closeCode !== undefined) {
          done();
          reject(new Error(`socket closed (${this.closeCode}) before a ${key} message arrived`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `no ${key} message within ${timeoutMs} ms; got ${JSON.stringify(this.received.map((m) => m.type))}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }

  /** Resolves true if a message of `type` matching `pred` arrives within `ms` (without consuming on a miss). */
  async gets<T extends Msg['type']>(type: T, pred: (m: Of<T>) => boolean = () => true, ms = 300): Promise<boolean> {
    const before = this.#cursor.get(type);
    try {
      await this.next(type, pred, ms);
      return true;
    } catch {
      if (before === undefined) this.#cursor.delete(type);
      else this.#cursor.set(type, before);
      return false;
    }
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
  }

  /** Drops the connection without a close handshake (like a network failure). */
  drop(): void {
    this.ws.terminate();
  }
}

export type JoinInput = {
  token: string;
  meeting: { joinUrl: string } | { meetingId: string; passcode: string };
  displayName?: string;
  state?: { muted: boolean; cameraOn: boolean };
  resume?: { participantId: string; resumeKey: string };
};

export function joinFrame(input: JoinInput) {
  return {
    type: 'join',
    v: 1,
    token: input.token,
    meeting: input.meeting,
    displayName: input.displayName ?? 'Guest',
    state: input.state ?? { muted: false, cameraOn: true },
    ...(input.resume && { resume: input.resume }),
  };
}

/** Opens a socket, sends `join` and waits for `joined` or `ended`. */
export async function connectAndJoin(
  url: string,
  input: JoinInput,
  opts: { origin?: string } = {},
): Promise<{ client: CallClient; first: Of<'joined'> | Of<'ended'> }> {
  const client = new CallClient(url, opts);
  await client.opened;
  client.send(joinFrame(input));
  const first = await client.nextOf(['joined', 'ended'], 8_000);
  return { client, first };
}
