/**
 * The local adapter's state: a pure reducer from events to the UI Library's `CallAdapterState`.
 *
 * Every update goes through immer's `produce`, so a changed value gets new objects along its whole
 * path while untouched subtrees keep their identity: the composite's selectors are memoized on object
 * identity and only re-render what changed. Nothing here touches the DOM, media or the network; view
 * targets (HTMLElements) are passed in by the adapter and stored as opaque references.
 *
 * Types only from the UI Library and the Calling SDK (erased at build time), so this module runs in
 * node for unit tests.
 *
 * Longer than ~400 lines because it is one reducer over one state shape: every event's case sits
 * beside the helpers it shares with the others (participants, streams, raised hands), and the page
 * mapping must agree with all of them.
 */
import {
  createIdentifierFromRawId,
  getIdentifierRawId,
  isMicrosoftTeamsUserIdentifier,
  type CommunicationIdentifierKind,
} from '@azure/communication-common';
import type {
  AudioDeviceInfo,
  CallKind,
  DeviceAccess,
  ParticipantRole,
  RemoteParticipantState as SdkParticipantState,
  ScalingMode,
  VideoDeviceInfo,
} from '@azure/communication-calling';
import type {
  AdapterError,
  CallAdapterState,
  CallCompositePage,
  CallState,
  LocalVideoStreamState,
  RemoteParticipantState,
  RemoteVideoStreamState,
  VideoStreamRendererViewState,
} from '@azure/communication-react';
import { produce, type Draft } from 'immer';
import type { Compliance, Participant, ReactionType, Role } from '@/lib/contracts/calling-protocol';
import { REACTION_RESOURCES } from '../reaction-resources';

/** Remote video stream ids: fixed per participant, one per transceiver (see mesh.ts). */
export const CAMERA_STREAM_ID = 1;
export const SCREEN_STREAM_ID = 2;

/** Call-end sub-codes and codes the composite maps to its end pages (react-composites utils/Utils.ts). */
const ACCESS_DENIED_SUB_CODE = 5854;
const REMOVED_SUB_CODES: readonly number[] = [5000, 5300, 560000];
const BAD_REQUEST_CODE = 400;

/** The pseudo-device a local screen-share stream reports as its source. */
const SCREEN_SOURCE: VideoDeviceInfo = { id: 'screen', name: 'Screen', deviceType: 'ScreenSharing' };

type ViewSpec = VideoStreamRendererViewState;

export type StateEvent =
  | { type: 'devices.access'; deviceAccess: DeviceAccess }
  | {
      type: 'devices.list';
      cameras: VideoDeviceInfo[];
      microphones: AudioDeviceInfo[];
      speakers: AudioDeviceInfo[];
      isSpeakerSelectionAvailable: boolean;
    }
  | { type: 'devices.select'; camera?: VideoDeviceInfo; microphone?: AudioDeviceInfo; speaker?: AudioDeviceInfo }
  | { type: 'preview.started'; camera: VideoDeviceInfo }
  | { type: 'preview.stopped' }
  | { type: 'preview.view'; view: ViewSpec | undefined }
  | { type: 'local.microphoneEnabled'; enabled: boolean }
  | { type: 'call.connecting'; callId: string; muted: boolean; camera: VideoDeviceInfo | undefined }
  | {
      type: 'call.joined';
      callId: string;
      state: 'InLobby' | 'Connected';
      role: Role;
      participants: Participant[];
      compliance: Compliance;
    }
  | { type: 'call.admitted'; participants: Participant[]; compliance: Compliance }
  | { type: 'call.reconnecting' }
  | { type: 'call.reconnected' }
  | { type: 'call.disconnecting' }
  | { type: 'call.ended'; code: number; subCode: number; noNetwork?: boolean }
  | { type: 'participant.upsert'; participant: Participant }
  | { type: 'participant.left'; identity: string; reason: 'left' | 'removed' | 'dropped' | 'denied' }
  /** Which of the participant's video tracks are arriving (camera and screen are separate transceivers). */
  | { type: 'participant.media'; participant: Participant; receiving: { camera: boolean; screen: boolean } }
  | { type: 'remote.view'; identity: string; streamId: number; view: ViewSpec | undefined }
  | { type: 'local.muted'; muted: boolean }
  | { type: 'local.camera'; camera: VideoDeviceInfo | undefined }
  | { type: 'local.cameraView'; view: ViewSpec | undefined }
  | { type: 'local.screen'; on: boolean }
  | { type: 'local.screenView'; view: ViewSpec | undefined }
  /** `order`: our place in the queue as the service numbers it (absent: provisionally last). */
  | { type: 'local.handRaised'; raised: boolean; order?: number }
  /** A reaction from `key` (a flat id; ours goes to `localParticipantReaction`), or its end (`reaction: null`). */
  | { type: 'reaction'; key: string; reaction: ReactionType | null; receivedOn?: Date }
  | { type: 'call.compliance'; compliance: Compliance }
  | { type: 'error'; target: string; error: AdapterError };

/** `8:acs:…` → communicationUser, `8:orgid:…` → microsoftTeamsUser, as the Calling SDK reports them. */
export function toIdentifier(rawId: string): CommunicationIdentifierKind {
  return createIdentifierFromRawId(rawId);
}

/** The key the composite uses for `remoteParticipants` (`toFlatCommunicationIdentifier`). */
export function flatId(identifier: CommunicationIdentifierKind): string {
  return getIdentifierRawId(identifier);
}

/**
 * The state before joining, as `AzureCommunicationCallAdapter` builds it for a meeting locator: the
 * local cloud only joins Teams meetings (`isTeamsMeeting`), and `isTeamsCall` is true there only for
 * a 1:1/group call to Teams users (`targetCallees`), never for a meeting join. The composite hides the
 * "end call for everyone" menu and picks captions by these flags, so they must match Azure's.
 */
export function initialState(input: { userId: string; displayName: string }): CallAdapterState {
  return {
    page: 'configuration',
    isLocalPreviewMicrophoneEnabled: true,
    userId: toIdentifier(input.userId),
    displayName: input.displayName,
    devices: {
      isSpeakerSelectionAvailable: false,
      cameras: [],
      microphones: [],
      speakers: [],
      unparentedViews: [],
    },
    isTeamsCall: false,
    isTeamsMeeting: true,
    isRoomsCall: false,
    latestErrors: {},
    latestNotifications: {},
    cameraStatus: 'Off',
    // Without sprites the composite hides its reaction button (reaction-resources.ts).
    reactions: REACTION_RESOURCES,
  };
}

/**
 * The call's `kind` as the stateful client reports it (calling-stateful-client Converter: `'Call'` for
 * a `CallAgent` call, `'TeamsCall'` for a `TeamsCallAgent` one): an ACS guest joining a Teams meeting
 * holds a plain `Call`; staff with a Teams identity hold a `TeamsCall`.
 */
function callKindFor(userId: CommunicationIdentifierKind): CallKind {
  return (isMicrosoftTeamsUserIdentifier(userId) ? 'TeamsCall' : 'Call') as CallKind;
}

/** The call object for a new join: every feature sub-object the selectors dereference exists. */
export function newCall(
  callId: string,
  kind: CallKind,
  muted: boolean,
  camera: VideoDeviceInfo | undefined,
  displayName: string | undefined,
): CallState {
  return {
    id: callId,
    kind,
    callerInfo: { identifier: undefined, displayName },
    state: 'Connecting',
    direction: 'Outgoing',
    isMuted: muted,
    isScreenSharingOn: false,
    localVideoStreams: camera ? [{ source: camera, mediaStreamType: 'Video' }] : [],
    remoteParticipants: {},
    remoteParticipantsEnded: {},
    transcription: { isTranscriptionActive: false },
    captionsFeature: {
      captions: [],
      supportedSpokenLanguages: [],
      supportedCaptionLanguages: [],
      currentCaptionLanguage: '',
      currentSpokenLanguage: '',
      isCaptionsFeatureActive: false,
      startCaptionsInProgress: false,
      captionsKind: 'TeamsCaptions',
    },
    realTimeTextFeature: { realTimeTexts: {}, isRealTimeTextFeatureActive: false },
    optimalVideoCount: { maxRemoteVideoStreams: 8 },
    recording: { isRecordingActive: false },
    pptLive: { isActive: false },
    raiseHand: { raisedHands: [] },
    togetherMode: { isActive: false, streams: {}, seatingPositions: {} },
    startTime: new Date(),
    endTime: undefined,
    diagnostics: { network: { latest: {} }, media: { latest: {} } },
    transfer: { acceptedTransfers: {} },
  };
}

/** The page the composite shows, computed exactly like react-composites' `getCallCompositePage`. */
export function pageFor(call: CallState | undefined, endedCall: CallState | undefined): CallCompositePage {
  if (call) {
    switch (call.state) {
      case 'Connecting':
      case 'Ringing':
      case 'InLobby':
      case 'EarlyMedia':
        return 'lobby';
      case 'LocalHold':
        return 'hold';
      case 'Disconnecting':
        return 'leaving';
      case 'Connected':
      case 'RemoteHold':
        return 'call';
      default:
        return 'configuration';
    }
  }
  if (endedCall?.callEndReason) {
    const { code, subCode } = endedCall.callEndReason;
    if (subCode === ACCESS_DENIED_SUB_CODE) return 'accessDeniedTeamsMeeting';
    if (subCode !== undefined && REMOVED_SUB_CODES.includes(subCode)) return 'removedFromCall';
    if (code === BAD_REQUEST_CODE) return 'badRequest';
    if (endedCall.diagnostics.network.latest.noNetwork) return 'joinCallFailedDueToNoNetwork';
    return 'leftCall';
  }
  return 'configuration';
}

/** End pages: entering one of these is when `callEnded` is emitted. */
export function isEndPage(page: CallCompositePage): boolean {
  return (
    page === 'leftCall' ||
    page === 'accessDeniedTeamsMeeting' ||
    page === 'removedFromCall' ||
    page === 'badRequest' ||
    page === 'joinCallFailedDueToNoNetwork'
  );
}

const ROLE: Record<Role, ParticipantRole> = { organizer: 'Organizer', presenter: 'Presenter', attendee: 'Attendee' };

function toRole(role: Role): ParticipantRole {
  return ROLE[role];
}

function streamState(
  id: number,
  type: 'Video' | 'ScreenSharing',
  on: boolean,
  receiving: boolean,
  existing: RemoteVideoStreamState | undefined,
): RemoteVideoStreamState {
  return {
    id,
    mediaStreamType: type,
    isAvailable: on && receiving,
    isReceiving: receiving,
    // A view stays until the composite disposes it (it does when the stream becomes unavailable).
    ...(existing?.view ? { view: existing.view } : {}),
  };
}

/** Applies a protocol participant to a draft remote participant, touching only what differs. */
function applyParticipant(draft: Draft<CallState>, p: Participant): void {
  const identifier = toIdentifier(p.identity);
  const key = flatId(identifier);
  const existing = draft.remoteParticipants[key];
  const state: SdkParticipantState = p.state === 'InLobby' ? 'InLobby' : 'Connected';
  // Each stream's own receiving flag: a camera track arriving says nothing about the screen track.
  const cameraReceiving = existing?.videoStreams[CAMERA_STREAM_ID]?.isReceiving ?? false;
  const screenReceiving = existing?.videoStreams[SCREEN_STREAM_ID]?.isReceiving ?? false;
  const camera = streamState(
    CAMERA_STREAM_ID,
    'Video',
    p.cameraOn,
    cameraReceiving,
    existing?.videoStreams[CAMERA_STREAM_ID] as RemoteVideoStreamState | undefined,
  );
  const screen = streamState(
    SCREEN_STREAM_ID,
    'ScreenSharing',
    p.screenSharing,
    screenReceiving,
    existing?.videoStreams[SCREEN_STREAM_ID] as RemoteVideoStreamState | undefined,
  );
  if (!existing) {
    const created: RemoteParticipantState = {
      identifier,
      displayName: p.displayName,
      state,
      videoStreams: { [CAMERA_STREAM_ID]: camera, [SCREEN_STREAM_ID]: screen },
      isMuted: p.muted,
      isSpeaking: p.speaking && !p.muted,
      role: toRole(p.role),
      ...(handOf(p) ? { raisedHand: handOf(p) } : {}),
    };
    draft.remoteParticipants[key] = created as Draft<RemoteParticipantState>;
  } else {
    if (existing.displayName !== p.displayName) existing.displayName = p.displayName;
    if (existing.state !== state) existing.state = state;
    if (existing.isMuted !== p.muted) existing.isMuted = p.muted;
    const speaking = p.speaking && !p.muted;
    if (existing.isSpeaking !== speaking) existing.isSpeaking = speaking;
    if (existing.role !== toRole(p.role)) existing.role = toRole(p.role);
    const hand = handOf(p);
    if (existing.raisedHand?.raisedHandOrderPosition !== hand?.raisedHandOrderPosition) {
      if (hand) existing.raisedHand = hand;
      else delete existing.raisedHand;
    }
    patchStream(existing.videoStreams, CAMERA_STREAM_ID, camera);
    patchStream(existing.videoStreams, SCREEN_STREAM_ID, screen);
  }
  syncScreenShare(draft, key, p.screenSharing);
}

function patchStream(
  streams: Draft<RemoteParticipantState['videoStreams']>,
  id: number,
  next: RemoteVideoStreamState,
): void {
  const current = streams[id];
  if (!current) {
    streams[id] = next as Draft<RemoteVideoStreamState>;
    return;
  }
  if (current.isAvailable !== next.isAvailable) current.isAvailable = next.isAvailable;
  if (current.isReceiving !== next.isReceiving) current.isReceiving = next.isReceiving;
}

/** One presenter at a time (the emulator enforces it); the composite shows whoever is named here. */
function syncScreenShare(draft: Draft<CallState>, key: string, sharing: boolean): void {
  if (sharing && draft.screenShareRemoteParticipant !== key) draft.screenShareRemoteParticipant = key;
  if (!sharing && draft.screenShareRemoteParticipant === key) delete draft.screenShareRemoteParticipant;
}

/**
 * A participant's hand as the SDK's RaiseHand feature reports it: `order` is its place in the call's
 * queue (1 = raised first), numbered by the calling service; a hand without a place (in the lobby)
 * is not in the queue.
 */
function handOf(p: Participant): { raisedHandOrderPosition: number } | undefined {
  return p.handRaised && p.handOrder !== undefined ? { raisedHandOrderPosition: p.handOrder } : undefined;
}

/** `raiseHand.raisedHands`: every raised hand, ours included, in queue order (the SDK's getRaisedHands). */
function syncRaisedHands(draft: Draft<CallState>): void {
  const positions = Object.values(draft.remoteParticipants).flatMap((p) =>
    p.raisedHand ? [p.raisedHand.raisedHandOrderPosition] : [],
  );
  const local = draft.raiseHand.localParticipantRaisedHand;
  if (local) positions.push(local.raisedHandOrderPosition);
  positions.sort((a, b) => a - b);
  const current = draft.raiseHand.raisedHands;
  const same =
    current.length === positions.length && current.every((h, i) => h.raisedHandOrderPosition === positions[i]);
  if (!same) draft.raiseHand.raisedHands = positions.map((n) => ({ raisedHandOrderPosition: n }));
}

/** Until the service numbers our hand, it goes behind every hand we know of. */
function provisionalOrder(draft: Draft<CallState>): number {
  const remote = Object.values(draft.remoteParticipants).map((p) => p.raisedHand?.raisedHandOrderPosition ?? 0);
  return Math.max(0, ...remote) + 1;
}

function removeParticipant(
  draft: Draft<CallState>,
  key: string,
  reason: 'left' | 'removed' | 'dropped' | 'denied',
): void {
  const existing = draft.remoteParticipants[key];
  if (!existing) return;
  delete draft.remoteParticipants[key];
  if (draft.screenShareRemoteParticipant === key) delete draft.screenShareRemoteParticipant;
  if (reason !== 'denied') {
    existing.state = 'Disconnected';
    for (const stream of Object.values(existing.videoStreams)) {
      stream.isAvailable = false;
      delete stream.view;
    }
    draft.remoteParticipantsEnded[key] = existing;
  }
}

/** The Teams compliance notice: the composite shows it from these two flags. */
function applyCompliance(draft: Draft<CallState>, compliance: Compliance): void {
  if (draft.recording.isRecordingActive !== compliance.recording)
    draft.recording.isRecordingActive = compliance.recording;
  if (draft.transcription.isTranscriptionActive !== compliance.transcription)
    draft.transcription.isTranscriptionActive = compliance.transcription;
}

/** Sets or clears a stream's view; a no-op (same identity) when nothing differs. */
function setView(holder: { view?: unknown }, view: ViewSpec | undefined): void {
  const current = holder.view as ViewSpec | undefined;
  if (view) {
    if (
      !current ||
      current.target !== view.target ||
      current.scalingMode !== view.scalingMode ||
      current.isMirrored !== view.isMirrored
    )
      holder.view = view;
  } else if (current) {
    delete holder.view;
  }
}

function localCamera(draft: Draft<CallState>): Draft<LocalVideoStreamState> | undefined {
  return draft.localVideoStreams.find((s) => s.mediaStreamType === 'Video');
}

/** Whether the camera is on in the call (not just in the configuration page's preview). */
export function hasCallCamera(state: CallAdapterState): boolean {
  return !!state.call?.localVideoStreams.some((s) => s.mediaStreamType === 'Video');
}

function cameraStatusOf(state: CallAdapterState): 'On' | 'Off' {
  const inCall = hasCallCamera(state);
  const preview = state.devices.unparentedViews.some((s) => s.mediaStreamType === 'Video');
  return inCall || preview ? 'On' : 'Off';
}

function sameDevices<T extends { id: string; name: string }>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((d, i) => d.id === b[i]!.id && d.name === b[i]!.name);
}

function applyEvent(draft: Draft<CallAdapterState>, event: StateEvent): void {
  const call = draft.call;
  switch (event.type) {
    case 'devices.access': {
      const current = draft.devices.deviceAccess;
      if (!current || current.audio !== event.deviceAccess.audio || current.video !== event.deviceAccess.video) {
        draft.devices.deviceAccess = { ...event.deviceAccess };
      }
      return;
    }
    case 'devices.list': {
      const d = draft.devices;
      if (!sameDevices(d.cameras, event.cameras)) d.cameras = event.cameras;
      if (!sameDevices(d.microphones, event.microphones)) d.microphones = event.microphones;
      if (!sameDevices(d.speakers, event.speakers)) d.speakers = event.speakers;
      if (d.isSpeakerSelectionAvailable !== event.isSpeakerSelectionAvailable)
        d.isSpeakerSelectionAvailable = event.isSpeakerSelectionAvailable;
      return;
    }
    case 'devices.select': {
      const d = draft.devices;
      if (event.camera && d.selectedCamera?.id !== event.camera.id) d.selectedCamera = event.camera;
      if (event.microphone && d.selectedMicrophone?.id !== event.microphone.id) d.selectedMicrophone = event.microphone;
      if (event.speaker && d.selectedSpeaker?.id !== event.speaker.id) d.selectedSpeaker = event.speaker;
      return;
    }
    case 'preview.started': {
      const current = draft.devices.unparentedViews[0];
      if (current && current.source.id === event.camera.id) return;
      draft.devices.unparentedViews = [
        { source: event.camera, mediaStreamType: 'Video', ...(current?.view ? { view: current.view } : {}) },
      ];
      return;
    }
    case 'preview.stopped':
      if (draft.devices.unparentedViews.length > 0) draft.devices.unparentedViews = [];
      return;
    case 'preview.view': {
      const current = draft.devices.unparentedViews[0];
      if (!current) return;
      setView(current, event.view);
      return;
    }
    case 'local.microphoneEnabled':
      if (draft.isLocalPreviewMicrophoneEnabled !== event.enabled)
        draft.isLocalPreviewMicrophoneEnabled = event.enabled;
      return;
    case 'call.connecting':
      draft.call = newCall(
        event.callId,
        callKindFor(draft.userId),
        event.muted,
        event.camera,
        draft.displayName,
      ) as Draft<CallState>;
      delete draft.endedCall;
      return;
    case 'call.joined': {
      if (!call) return;
      if (call.id !== event.callId) call.id = event.callId;
      call.state = event.state;
      call.role = toRole(event.role);
      // A fresh join (also after an emulator restart) replaces whoever was there before.
      for (const key of Object.keys(call.remoteParticipants)) removeParticipant(call, key, 'dropped');
      for (const p of event.participants) applyParticipant(call, p);
      syncRaisedHands(call);
      applyCompliance(call, event.compliance);
      return;
    }
    case 'call.admitted':
      if (!call) return;
      call.state = 'Connected';
      for (const p of event.participants) applyParticipant(call, p);
      syncRaisedHands(call);
      applyCompliance(call, event.compliance);
      return;
    case 'call.reconnecting':
      if (!call) return;
      if (!call.diagnostics.network.latest.networkReconnect) {
        call.diagnostics.network.latest.networkReconnect = {
          value: 3 /* DiagnosticQuality.Bad */,
          valueType: 'DiagnosticQuality',
        } as never;
      }
      return;
    case 'call.reconnected':
      if (call?.diagnostics.network.latest.networkReconnect) delete call.diagnostics.network.latest.networkReconnect;
      return;
    case 'call.disconnecting':
      if (call && call.state !== 'Disconnecting') call.state = 'Disconnecting';
      return;
    case 'call.ended': {
      if (!call) return;
      const ended = call;
      ended.state = 'Disconnected';
      ended.callEndReason = { code: event.code, subCode: event.subCode };
      ended.endTime = new Date();
      if (event.noNetwork)
        ended.diagnostics.network.latest.noNetwork = { value: true, valueType: 'DiagnosticFlag' } as never;
      // Views belong to the live call; the ended call keeps none (the adapter disposes the elements).
      ended.localVideoStreams = [];
      ended.isScreenSharingOn = false;
      for (const p of Object.values(ended.remoteParticipants))
        for (const s of Object.values(p.videoStreams)) delete s.view;
      draft.endedCall = ended;
      delete draft.call;
      return;
    }
    case 'participant.upsert':
      if (!call) return;
      applyParticipant(call, event.participant);
      syncRaisedHands(call);
      return;
    case 'participant.left': {
      if (!call) return;
      removeParticipant(call, flatId(toIdentifier(event.identity)), event.reason);
      syncRaisedHands(call);
      return;
    }
    case 'participant.media': {
      // Media arrived (or went): availability is "on" in participant state and actually receiving.
      const p = call?.remoteParticipants[flatId(toIdentifier(event.participant.identity))];
      if (!call || !p) return;
      const camera = p.videoStreams[CAMERA_STREAM_ID];
      const screen = p.videoStreams[SCREEN_STREAM_ID];
      if (camera && camera.isReceiving !== event.receiving.camera) camera.isReceiving = event.receiving.camera;
      if (screen && screen.isReceiving !== event.receiving.screen) screen.isReceiving = event.receiving.screen;
      applyParticipant(call, event.participant);
      return;
    }
    case 'remote.view': {
      const stream = call?.remoteParticipants[flatId(toIdentifier(event.identity))]?.videoStreams[event.streamId];
      if (!stream) return;
      setView(stream, event.view);
      return;
    }
    case 'local.muted':
      if (call && call.isMuted !== event.muted) call.isMuted = event.muted;
      return;
    case 'local.camera': {
      if (!call) return;
      const current = localCamera(call);
      if (!event.camera) {
        if (current) call.localVideoStreams = call.localVideoStreams.filter((s) => s.mediaStreamType !== 'Video');
      } else if (!current) {
        call.localVideoStreams.unshift({ source: event.camera, mediaStreamType: 'Video' });
      } else if (current.source.id !== event.camera.id) {
        current.source = event.camera;
      }
      return;
    }
    case 'local.cameraView': {
      const current = call && localCamera(call);
      if (!current) return;
      setView(current, event.view);
      return;
    }
    case 'local.screen': {
      if (!call || call.isScreenSharingOn === event.on) return;
      call.isScreenSharingOn = event.on;
      if (event.on) call.localVideoStreams.push({ source: SCREEN_SOURCE, mediaStreamType: 'ScreenSharing' });
      else call.localVideoStreams = call.localVideoStreams.filter((s) => s.mediaStreamType !== 'ScreenSharing');
      return;
    }
    case 'local.screenView': {
      const current = call?.localVideoStreams.find((s) => s.mediaStreamType === 'ScreenSharing');
      if (current) setView(current, event.view);
      return;
    }
    case 'local.handRaised': {
      if (!call) return;
      const current = call.raiseHand.localParticipantRaisedHand;
      if (event.raised) {
        const order = event.order ?? current?.raisedHandOrderPosition ?? provisionalOrder(call);
        if (current?.raisedHandOrderPosition === order) return;
        call.raiseHand.localParticipantRaisedHand = { raisedHandOrderPosition: order };
      } else if (current) {
        delete call.raiseHand.localParticipantRaisedHand;
      } else {
        return;
      }
      syncRaisedHands(call);
      return;
    }
    case 'reaction': {
      if (!call) return;
      // As the stateful client's setReceivedReactionFromParticipant: ours or a remote participant's.
      const next = event.reaction
        ? { reactionMessage: { reactionType: event.reaction }, receivedOn: event.receivedOn ?? new Date() }
        : undefined;
      if (event.key === flatId(draft.userId)) {
        if (next) call.localParticipantReaction = next;
        else if (call.localParticipantReaction) delete call.localParticipantReaction;
        return;
      }
      const participant = call.remoteParticipants[event.key];
      if (!participant) return;
      if (next) participant.reactionState = next;
      else if (participant.reactionState) delete participant.reactionState;
      return;
    }
    case 'call.compliance':
      if (call) applyCompliance(call, event.compliance);
      return;
    case 'error':
      draft.latestErrors = { ...draft.latestErrors, [event.target]: event.error };
      return;
  }
}

/**
 * The reducer. Returns the same object when nothing changed (so the adapter emits nothing), and
 * otherwise a new state with `page` and `cameraStatus` recomputed.
 */
export function reduce(state: CallAdapterState, event: StateEvent): CallAdapterState {
  return produce(state, (draft) => {
    applyEvent(draft, event);
    const page = pageFor(draft.call as CallState | undefined, draft.endedCall as CallState | undefined);
    if (draft.page !== page) draft.page = page;
    const cameraStatus = cameraStatusOf(draft as CallAdapterState);
    if (draft.cameraStatus !== cameraStatus) draft.cameraStatus = cameraStatus;
  });
}

/** Scaling mode → CSS object-fit (Crop fills and crops, Fit letterboxes, Stretch distorts). */
export function objectFitFor(mode: ScalingMode | undefined): 'cover' | 'contain' | 'fill' {
  return mode === 'Fit' ? 'contain' : mode === 'Stretch' ? 'fill' : 'cover';
}
