/** Tuning of the calling service; tests shorten the timers, the defaults follow the protocol. */
import {
  FLOOD_BURST,
  FLOOD_RATE_PER_S,
  IDLE_TIMEOUT_MS,
  LOBBY_TIMEOUT_MS,
  MAX_PARTICIPANTS,
  RESUME_GRACE_MS,
} from '../../lib/contracts/calling-protocol';

export type CallingOptions = {
  /** How long a dropped participant is kept for a resume (default RESUME_GRACE_MS). */
  resumeGraceMs?: number;
  /** Time allowed for the first frame, which must be `join` (default 10 s). */
  joinTimeoutMs?: number;
  /** Silence (no frame, no pong) after which a socket is closed as dropped (default IDLE_TIMEOUT_MS). */
  idleTimeoutMs?: number;
  /** Interval of WebSocket pings and idle checks (default 10 s). */
  heartbeatMs?: number;
  /** How long someone waits in the lobby before it lets them go with END.lobbyTimeout (default LOBBY_TIMEOUT_MS). */
  lobbyTimeoutMs?: number;
  /** Connected + InLobby participants per call (default MAX_PARTICIPANTS). */
  maxParticipants?: number;
  /** Flood limit: sustained frames per second and burst (defaults FLOOD_RATE_PER_S, FLOOD_BURST). */
  floodRatePerS?: number;
  floodBurst?: number;
};

export type Settings = Required<CallingOptions>;

const DEFAULTS: Settings = {
  resumeGraceMs: RESUME_GRACE_MS,
  joinTimeoutMs: 10_000,
  idleTimeoutMs: IDLE_TIMEOUT_MS,
  heartbeatMs: 10_000,
  lobbyTimeoutMs: LOBBY_TIMEOUT_MS,
  maxParticipants: MAX_PARTICIPANTS,
  floodRatePerS: FLOOD_RATE_PER_S,
  floodBurst: FLOOD_BURST,
};

export function resolveSettings(options: CallingOptions): Settings {
  return { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
}
