/**
 * A `CallWithChatAdapter` made of a call adapter and a chat adapter, for the local cloud: the UI
 * Library builds its own from the Azure adapters only (`_createAzureCommunicationCallWithChatAdapterFromAdapters`
 * is not exported), and `CallWithChatComposite` takes nothing else. It does what the library's
 * `AzureCommunicationCallWithChatAdapter` does with a chat adapter it was given (read from
 * dist-esm/…/CallWithChatComposite/adapter/AzureCommunicationCallWithChatAdapter.js and
 * state/CallWithChatAdapterState.js in 1.34):
 *
 * - state: the call's fields under the composite's names (`latestErrors` → `latestCallErrors`, …),
 *   the chat's `thread` as `chat` and its `latestErrors` as `latestChatErrors`; a new object on every
 *   change of either side (the composite's selectors are memoized on identity);
 * - events: call events under their CallWithChat names (`callParticipantsJoined` → `participantsJoined`,
 *   `callError` → `error`), chat events likewise (`chatParticipantsAdded` → `participantsAdded`,
 *   `chatError` → `error`); `chatInitialized` never fires (the chat adapter is there from the start);
 * - operations: call operations to the call adapter, chat operations to the chat adapter;
 * - dispose: both adapters, once. Breakout rooms (the library swaps chat threads) do not exist locally.
 *
 * Long, because the interface is: every member is a one-line delegation.
 */
import type {
  CallAdapterState,
  CallWithChatAdapter,
  CallWithChatAdapterState,
  ChatAdapter,
  ChatAdapterState,
  CommonCallAdapter,
} from '@azure/communication-react';
import { EventEmitter } from 'events';

type Listener = (event: never) => void;

/** CallWithChat event → the call adapter's event of the same meaning. */
const CALL_EVENTS = {
  callEnded: 'callEnded',
  isMutedChanged: 'isMutedChanged',
  callIdChanged: 'callIdChanged',
  isLocalScreenSharingActiveChanged: 'isLocalScreenSharingActiveChanged',
  displayNameChanged: 'displayNameChanged',
  isSpeakingChanged: 'isSpeakingChanged',
  callParticipantsJoined: 'participantsJoined',
  callParticipantsLeft: 'participantsLeft',
  selectedMicrophoneChanged: 'selectedMicrophoneChanged',
  selectedSpeakerChanged: 'selectedSpeakerChanged',
  callError: 'error',
  captionsReceived: 'captionsReceived',
  isCaptionsActiveChanged: 'isCaptionsActiveChanged',
  isCaptionLanguageChanged: 'isCaptionLanguageChanged',
  isSpokenLanguageChanged: 'isSpokenLanguageChanged',
  realTimeTextReceived: 'realTimeTextReceived',
  capabilitiesChanged: 'capabilitiesChanged',
  spotlightChanged: 'spotlightChanged',
  breakoutRoomsUpdated: 'breakoutRoomsUpdated',
} as const;

/** CallWithChat event → the chat adapter's event of the same meaning. */
const CHAT_EVENTS = {
  messageReceived: 'messageReceived',
  messageEdited: 'messageEdited',
  messageDeleted: 'messageDeleted',
  messageSent: 'messageSent',
  messageRead: 'messageRead',
  chatParticipantsAdded: 'participantsAdded',
  chatParticipantsRemoved: 'participantsRemoved',
  chatError: 'error',
} as const;

/** The composite's state from the call adapter's (the library's `callWithChatAdapterStateFromBackingStates` and merge). */
export function callPartOfState(call: CallAdapterState): Omit<CallWithChatAdapterState, 'chat' | 'latestChatErrors'> {
  return {
    userId: call.userId,
    page: call.page,
    displayName: call.displayName,
    devices: call.devices,
    call: call.call,
    isLocalPreviewMicrophoneEnabled: call.isLocalPreviewMicrophoneEnabled,
    isTeamsCall: call.isTeamsCall,
    isTeamsMeeting: call.isTeamsMeeting,
    latestCallErrors: call.latestErrors,
    latestCallNotifications: call.latestNotifications,
    alternateCallerId: call.alternateCallerId,
    environmentInfo: call.environmentInfo,
    videoBackgroundImages: call.videoBackgroundImages,
    onResolveVideoEffectDependency: call.onResolveVideoEffectDependency,
    onResolveDeepNoiseSuppressionDependency: call.onResolveDeepNoiseSuppressionDependency,
    deepNoiseSuppressionOnByDefault: call.deepNoiseSuppressionOnByDefault,
    hideDeepNoiseSuppressionButton: call.hideDeepNoiseSuppressionButton,
    selectedVideoBackgroundEffect: call.selectedVideoBackgroundEffect,
    hideAttendeeNames: call.hideAttendeeNames,
    reactions: call.reactions,
  };
}

export function chatPartOfState(chat: ChatAdapterState): Pick<CallWithChatAdapterState, 'chat' | 'latestChatErrors'> {
  return { chat: chat.thread, latestChatErrors: chat.latestErrors };
}

export class ComposedCallWithChatAdapter implements CallWithChatAdapter {
  private state: CallWithChatAdapterState;
  private readonly emitter = new EventEmitter();
  private disposed = false;

  constructor(
    private readonly call: CommonCallAdapter,
    private readonly chat: ChatAdapter,
  ) {
    // The composite subscribes from many components; Node's default of 10 would warn.
    this.emitter.setMaxListeners(125);
    this.state = { ...callPartOfState(call.getState()), ...chatPartOfState(chat.getState()) };
    call.onStateChange(this.onCallState);
    chat.onStateChange(this.onChatState);
  }

  private readonly onCallState = (call: CallAdapterState) => this.setState({ ...this.state, ...callPartOfState(call) });
  private readonly onChatState = (chat: ChatAdapterState) => this.setState({ ...this.state, ...chatPartOfState(chat) });

  private setState(state: CallWithChatAdapterState): void {
    this.state = state;
    this.emitter.emit('stateChanged', state);
  }

  getState = (): CallWithChatAdapterState => this.state;
  onStateChange = (handler: (state: CallWithChatAdapterState) => void): void =>
    void this.emitter.on('stateChanged', handler);
  offStateChange = (handler: (state: CallWithChatAdapterState) => void): void =>
    void this.emitter.off('stateChanged', handler);

  dispose = (): void => {
    if (this.disposed) return;
    this.disposed = true;
    this.call.offStateChange(this.onCallState);
    this.chat.offStateChange(this.onChatState);
    this.chat.dispose();
    this.call.dispose();
    this.emitter.removeAllListeners();
  };

  on(event: string, listener: Listener): void {
    this.route(event, listener, 'on');
  }
  off(event: string, listener: Listener): void {
    this.route(event, listener, 'off');
  }
  private route(event: string, listener: Listener, how: 'on' | 'off'): void {
    const target = listener as unknown as (...args: unknown[]) => void;
    if (event in CALL_EVENTS) {
      const name = CALL_EVENTS[event as keyof typeof CALL_EVENTS];
      (this.call[how] as (e: string, l: typeof target) => void)(name, target);
    } else if (event in CHAT_EVENTS) {
      const name = CHAT_EVENTS[event as keyof typeof CHAT_EVENTS];
      (this.chat[how] as (e: string, l: typeof target) => void)(name, target);
    } else if (event === 'chatInitialized') {
      this.emitter[how](event, target);
    } else {
      // As the library's adapter does: a misspelt event is a programming error, not a silent no-op.
      throw new Error(`Unknown CallWithChatAdapter event: ${event}`);
    }
  }

  // ——— the call ———
  // Overloaded in the interface; `CommonCallAdapter` types their results `void` where the Azure
  // adapter returns its `Call` (and the local one nothing), so the result is passed through as is.
  joinCall(options?: boolean | Parameters<CommonCallAdapter['joinCall']>[0]): undefined {
    return (this.call.joinCall as (o: unknown) => undefined)(options);
  }
  leaveCall: CallWithChatAdapter['leaveCall'] = (forEveryone) => this.call.leaveCall(forEveryone);
  startCall(participants: never, options?: Parameters<CommonCallAdapter['startCall']>[1]): undefined {
    return (this.call.startCall as (p: unknown, o: unknown) => undefined)(participants, options);
  }
  removeParticipant: CallWithChatAdapter['removeParticipant'] = (participant: never) =>
    this.call.removeParticipant(participant);
  addParticipant: CallWithChatAdapter['addParticipant'] = (participant: never, options?: never) =>
    this.call.addParticipant(participant, options);
  startCamera: CallWithChatAdapter['startCamera'] = (options) => this.call.startCamera(options);
  stopCamera: CallWithChatAdapter['stopCamera'] = () => this.call.stopCamera();
  mute: CallWithChatAdapter['mute'] = () => this.call.mute();
  unmute: CallWithChatAdapter['unmute'] = () => this.call.unmute();
  startScreenShare: CallWithChatAdapter['startScreenShare'] = () => this.call.startScreenShare();
  stopScreenShare: CallWithChatAdapter['stopScreenShare'] = () => this.call.stopScreenShare();
  raiseHand: CallWithChatAdapter['raiseHand'] = () => this.call.raiseHand();
  lowerHand: CallWithChatAdapter['lowerHand'] = () => this.call.lowerHand();
  onReactionClick: CallWithChatAdapter['onReactionClick'] = (reaction) => this.call.onReactionClick(reaction);
  createStreamView: CallWithChatAdapter['createStreamView'] = (id, options) => this.call.createStreamView(id, options);
  disposeStreamView: CallWithChatAdapter['disposeStreamView'] = (id, options) =>
    this.call.disposeStreamView(id, options);
  createTogetherModeStreamView: CallWithChatAdapter['createTogetherModeStreamView'] = (options) =>
    this.call.createTogetherModeStreamView(options);
  startTogetherMode: CallWithChatAdapter['startTogetherMode'] = () => this.call.startTogetherMode();
  setTogetherModeSceneSize: CallWithChatAdapter['setTogetherModeSceneSize'] = (w, h) =>
    this.call.setTogetherModeSceneSize(w, h);
  disposeTogetherModeStreamView: CallWithChatAdapter['disposeTogetherModeStreamView'] = () =>
    this.call.disposeTogetherModeStreamView();
  disposeScreenShareStreamView: CallWithChatAdapter['disposeScreenShareStreamView'] = (id) =>
    this.call.disposeScreenShareStreamView(id);
  disposeRemoteVideoStreamView: CallWithChatAdapter['disposeRemoteVideoStreamView'] = (id) =>
    this.call.disposeRemoteVideoStreamView(id);
  disposeLocalVideoStreamView: CallWithChatAdapter['disposeLocalVideoStreamView'] = () =>
    this.call.disposeLocalVideoStreamView();
  askDevicePermission: CallWithChatAdapter['askDevicePermission'] = (c) => this.call.askDevicePermission(c);
  queryCameras: CallWithChatAdapter['queryCameras'] = () => this.call.queryCameras();
  queryMicrophones: CallWithChatAdapter['queryMicrophones'] = () => this.call.queryMicrophones();
  querySpeakers: CallWithChatAdapter['querySpeakers'] = () => this.call.querySpeakers();
  setCamera: CallWithChatAdapter['setCamera'] = (device, options) => this.call.setCamera(device, options);
  setMicrophone: CallWithChatAdapter['setMicrophone'] = (device) => this.call.setMicrophone(device);
  setSpeaker: CallWithChatAdapter['setSpeaker'] = (device) => this.call.setSpeaker(device);
  holdCall: CallWithChatAdapter['holdCall'] = () => this.call.holdCall();
  resumeCall: CallWithChatAdapter['resumeCall'] = () => this.call.resumeCall();
  sendDtmfTone: CallWithChatAdapter['sendDtmfTone'] = (tone) => this.call.sendDtmfTone(tone);
  startCaptions: CallWithChatAdapter['startCaptions'] = (options) => this.call.startCaptions(options);
  stopCaptions: CallWithChatAdapter['stopCaptions'] = (options) => this.call.stopCaptions(options);
  setCaptionLanguage: CallWithChatAdapter['setCaptionLanguage'] = (l) => this.call.setCaptionLanguage(l);
  setSpokenLanguage: CallWithChatAdapter['setSpokenLanguage'] = (l) => this.call.setSpokenLanguage(l);
  sendRealTimeText: CallWithChatAdapter['sendRealTimeText'] = (text, final) => this.call.sendRealTimeText(text, final);
  startVideoBackgroundEffect: CallWithChatAdapter['startVideoBackgroundEffect'] = (e) =>
    this.call.startVideoBackgroundEffect(e);
  stopVideoBackgroundEffects: CallWithChatAdapter['stopVideoBackgroundEffects'] = () =>
    this.call.stopVideoBackgroundEffects();
  updateBackgroundPickerImages: CallWithChatAdapter['updateBackgroundPickerImages'] = (images) =>
    this.call.updateBackgroundPickerImages(images);
  updateSelectedVideoBackgroundEffect: CallWithChatAdapter['updateSelectedVideoBackgroundEffect'] = (e) =>
    this.call.updateSelectedVideoBackgroundEffect(e);
  startNoiseSuppressionEffect: CallWithChatAdapter['startNoiseSuppressionEffect'] = () =>
    this.call.startNoiseSuppressionEffect();
  stopNoiseSuppressionEffect: CallWithChatAdapter['stopNoiseSuppressionEffect'] = () =>
    this.call.stopNoiseSuppressionEffect();
  submitSurvey: CallWithChatAdapter['submitSurvey'] = (survey) => this.call.submitSurvey(survey);
  startSpotlight: CallWithChatAdapter['startSpotlight'] = (ids) => this.call.startSpotlight(ids);
  stopSpotlight: CallWithChatAdapter['stopSpotlight'] = (ids) => this.call.stopSpotlight(ids);
  stopAllSpotlight: CallWithChatAdapter['stopAllSpotlight'] = () => this.call.stopAllSpotlight();
  muteParticipant: CallWithChatAdapter['muteParticipant'] = (id) => this.call.muteParticipant(id);
  muteAllRemoteParticipants: CallWithChatAdapter['muteAllRemoteParticipants'] = () =>
    this.call.muteAllRemoteParticipants();
  returnFromBreakoutRoom: CallWithChatAdapter['returnFromBreakoutRoom'] = () => this.call.returnFromBreakoutRoom();
  forbidAudio: CallWithChatAdapter['forbidAudio'] = (ids) => this.call.forbidAudio(ids);
  permitAudio: CallWithChatAdapter['permitAudio'] = (ids) => this.call.permitAudio(ids);
  forbidOthersAudio: CallWithChatAdapter['forbidOthersAudio'] = () => this.call.forbidOthersAudio();
  permitOthersAudio: CallWithChatAdapter['permitOthersAudio'] = () => this.call.permitOthersAudio();
  forbidVideo: CallWithChatAdapter['forbidVideo'] = (ids) => this.call.forbidVideo(ids);
  permitVideo: CallWithChatAdapter['permitVideo'] = (ids) => this.call.permitVideo(ids);
  forbidOthersVideo: CallWithChatAdapter['forbidOthersVideo'] = () => this.call.forbidOthersVideo();
  permitOthersVideo: CallWithChatAdapter['permitOthersVideo'] = () => this.call.permitOthersVideo();

  // ——— the chat ———
  fetchInitialData: CallWithChatAdapter['fetchInitialData'] = () => this.chat.fetchInitialData();
  sendMessage: CallWithChatAdapter['sendMessage'] = (content, options) => this.chat.sendMessage(content, options);
  sendReadReceipt: CallWithChatAdapter['sendReadReceipt'] = (id) => this.chat.sendReadReceipt(id);
  sendTypingIndicator: CallWithChatAdapter['sendTypingIndicator'] = () => this.chat.sendTypingIndicator();
  updateMessage: CallWithChatAdapter['updateMessage'] = (id, content, options) =>
    this.chat.updateMessage(id, content, options);
  deleteMessage: CallWithChatAdapter['deleteMessage'] = (id) => this.chat.deleteMessage(id);
  loadPreviousChatMessages: CallWithChatAdapter['loadPreviousChatMessages'] = (n) =>
    this.chat.loadPreviousChatMessages(n);
  downloadResourceToCache: CallWithChatAdapter['downloadResourceToCache'] = async (resource) =>
    this.chat.downloadResourceToCache(resource);
  removeResourceFromCache: CallWithChatAdapter['removeResourceFromCache'] = (resource) =>
    this.chat.removeResourceFromCache(resource);
}
