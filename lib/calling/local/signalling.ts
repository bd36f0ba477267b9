/**
 * The WebSocket client for the emulator's calling service (protocol.ts): connects, sends `join`,
 * validates every incoming frame, pings every 10 s, and survives drops:
 *
 * - an unexpected close (network drop, 1001/1006…) reconnects with exponential backoff and sends
 *   `join` again with `resume` (same participant id) until RESUME_GRACE_MS after the drop, then gives
 *   up with `lost`;
 * - close code 1012 (service restart: the emulator restarted and forgot every call) forgets the resume
 *   key, emits `restarted` and joins afresh (a new participant id);
 * - after `ended`, after `close()`, or on a clean 1000 close without `ended` it never reconnects.
 *   Every other code (1001, 1006, 1008 join timeout/flood, 1009 oversized frame, …) reconnects and
 *   resumes, as the emulator documents in protocol.ts.
 *
 * Invalid frames (not JSON, unknown type, oversized, wrong shape) are dropped and counted; they never
 * end the call. No DOM here: the socket constructor is injectable, so tests use a fake.
 */
import { EventEmitter } from 'events';
import {
  PROTOCOL_VERSION,
  readServerFrame,
  RESUME_GRACE_MS,
  type ClientMessage,
  type ServerMessage,
} from '@/lib/contracts/calling-protocol';

/** The part of the browser WebSocket this client uses. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
export type WebSocketFactory = (url: string) => WebSocketLike;

const OPEN = 1;
const SERVICE_RESTART_CLOSE_CODE = 1012;

type JoinFrame = Extract<ClientMessage, { type: 'join' }>;
/** What the caller supplies for each join attempt (fresh token, current media state); resume is added here. */
export type JoinRequest = Omit<JoinFrame, 'type' | 'v' | 'resume'>;

export type SignallingStatus = 'idle' | 'connecting' | 'joined' | 'reconnecting' | 'closed';

export interface SignallingOptions {
  url: string;
  /** Called before every join attempt, so a refreshed token and the current mute/camera state go out. */
  join: () => Promise<JoinRequest> | JoinRequest;
  createSocket?: WebSocketFactory;
  pingIntervalMs?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  resumeGraceMs?: number;
  /** 0..1; the delay is scaled by 0.75 + 0.25·random() so clients that dropped together spread out. */
  random?: () => number;
  now?: () => number;
}

interface SignallingEventMap {
  message: [ServerMessage];
  status: [SignallingStatus, { attempt: number; delayMs?: number }];
  /** The emulator restarted (close 1012): a fresh join follows by itself. */
  restarted: [];
  /** Gave up: resume grace exceeded, a clean close without `ended`, or the first join could not be built (a resume retries it within the grace). */
  lost: [{ code?: number; reason: string }];
  /** A frame was dropped as invalid. */
  invalidFrame: [string];
}

export class SignallingClient extends EventEmitter<SignallingEventMap> {
  private socket: WebSocketLike | undefined;
  private session: { participantId: string; resumeKey: string } | undefined;
  private status: SignallingStatus = 'idle';
  private stopped = false;
  private ended = false;
  private attempt = 0;
  private droppedAt: number | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  /** Number of frames dropped as invalid (diagnostics and tests). */
  invalidFrames = 0;

  constructor(private readonly options: SignallingOptions) {
    super();
    this.setMaxListeners(50);
  }

  get currentStatus(): SignallingStatus {
    return this.status;
  }

  /** The participant id the server gave us (kept across a resume, new after a restart). */
  get participantId(): string | undefined {
    return this.session?.participantId;
  }

  start(): void {
    if (this.socket || this.stopped) return;
    this.open();
  }

  /** Sends a message if the socket is open and joined (signals during a drop are lost; peers renegotiate). */
  send(message: Exclude<ClientMessage, JoinFrame>): boolean {
    if (!this.socket || this.socket.readyState !== OPEN || this.status !== 'joined') return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** Closes for good (after sending `leave` yourself if you mean to leave). Safe to call twice. */
  close(): void {
    if (this.stopped) return;
    this.stop('client closed');
  }

  /** Stops for good: no more timers or reconnects, the socket closed normally and forgotten. */
  private stop(reason: string): void {
    this.stopped = true;
    this.clearTimers();
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      detach(socket);
      try {
        socket.close(1000, reason);
      } catch {
        /* already closed */
      }
    }
    this.setStatus('closed');
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private setStatus(status: SignallingStatus, delayMs?: number): void {
    this.status = status;
    this.emit('status', status, { attempt: this.attempt, ...(delayMs !== undefined ? { delayMs } : {}) });
  }

  private open(): void {
    const factory = this.options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
    let socket: WebSocketLike;
    try {
      socket = factory(this.options.url);
    } catch (error) {
      this.scheduleRetry(undefined, error instanceof Error ? error.message : 'connect failed');
      return;
    }
    this.socket = socket;
    if (this.status !== 'reconnecting') this.setStatus('connecting');
    socket.onopen = () => void this.sendJoin(socket);
    socket.onmessage = (ev) => this.onFrame(ev.data);
    socket.onerror = () => {
      /* a close event always follows */
    };
    socket.onclose = (ev) => this.onClose(socket, ev.code, ev.reason);
  }

  private async sendJoin(socket: WebSocketLike): Promise<void> {
    let request: JoinRequest;
    try {
      request = await this.options.join();
    } catch (error) {
      if (this.stopped || socket !== this.socket) return;
      const reason = `could not prepare the join: ${error instanceof Error ? error.message : String(error)}`;
      if (this.droppedAt !== undefined) {
        // Resuming (or rejoining after a restart): a token refresh that fails right after a network
        // drop is usually transient. Close this socket quietly and retry with backoff; scheduleRetry
        // gives up (`lost`) only once the resume grace is over.
        this.socket = undefined;
        detach(socket);
        this.clearPing();
        try {
          socket.close(1000, 'join not ready');
        } catch {
          /* already closed */
        }
        this.scheduleRetry(undefined, reason);
        return;
      }
      this.fail(undefined, reason);
      return;
    }
    if (socket !== this.socket || socket.readyState !== OPEN) return;
    const frame: JoinFrame = {
      type: 'join',
      v: PROTOCOL_VERSION,
      ...request,
      ...(this.session ? { resume: { ...this.session } } : {}),
    };
    socket.send(JSON.stringify(frame));
    this.clearPing();
    this.pingTimer = setInterval(() => {
      if (socket.readyState === OPEN) socket.send(JSON.stringify({ type: 'ping' } satisfies ClientMessage));
    }, this.options.pingIntervalMs ?? 10_000);
  }

  private onFrame(data: unknown): void {
    const message = typeof data === 'string' ? readServerFrame(data) : undefined;
    if (!message) {
      this.invalidFrames += 1;
      this.emit('invalidFrame', typeof data === 'string' ? data.slice(0, 200) : typeof data);
      return;
    }
    if (message.type === 'pong') return;
    if (message.type === 'joined') {
      this.session = { participantId: message.self.id, resumeKey: message.resumeKey };
      this.attempt = 0;
      this.droppedAt = undefined;
      this.setStatus('joined');
    }
    if (message.type === 'ended') this.ended = true;
    this.emit('message', message);
  }

  private onClose(socket: WebSocketLike, code: number, reason: string): void {
    if (socket !== this.socket) return;
    detach(socket);
    this.socket = undefined;
    this.clearPing();
    if (this.stopped) return;
    if (this.ended) {
      this.stopped = true;
      this.setStatus('closed');
      return;
    }
    if (code === 1000) {
      // The service only closes cleanly after `ended`; a bare 1000 means the call is over for us.
      this.fail(code, reason || 'closed by the calling service');
      return;
    }
    if (code === SERVICE_RESTART_CLOSE_CODE) {
      // The emulator restarted: its resume keys are gone, so join as a new participant.
      this.session = undefined;
      this.attempt = 0;
      this.droppedAt = undefined;
      this.emit('restarted');
    }
    this.scheduleRetry(code, reason);
  }

  private scheduleRetry(code: number | undefined, reason: string): void {
    this.droppedAt ??= this.now();
    const grace = this.options.resumeGraceMs ?? RESUME_GRACE_MS;
    const initial = this.options.backoffInitialMs ?? 250;
    const max = this.options.backoffMaxMs ?? 5_000;
    const random = this.options.random ?? Math.random;
    const delayMs = Math.round(Math.min(max, initial * 2 ** this.attempt) * (0.75 + 0.25 * random()));
    if (this.now() + delayMs - this.droppedAt > grace) {
      this.fail(code, reason || 'connection lost');
      return;
    }
    this.attempt += 1;
    this.setStatus('reconnecting', delayMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.stopped) this.open();
    }, delayMs);
  }

  private fail(code: number | undefined, reason: string): void {
    this.stop('giving up');
    this.emit('lost', { ...(code !== undefined ? { code } : {}), reason });
  }

  private clearPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = undefined;
  }

  private clearTimers(): void {
    this.clearPing();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}

function detach(socket: WebSocketLike): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
}
