'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { meterLevel, startMicLevel } from './mic-level';

type MediaStatus = 'requesting' | 'ready' | 'denied' | 'no-devices' | 'error';

/**
 * What went wrong with camera or microphone, as a kind the page words in the guest's language
 * (lib/i18n/messages/*.json, namespace `Media`): blocked by the browser, none found, in use by another app, or
 * anything else.
 */
export type MediaProblem = 'blocked' | 'notFound' | 'inUse' | 'failed';

export interface LocalMedia {
  status: MediaStatus;
  /** What went wrong, when status is not 'ready' (or a device failed later). */
  problem?: MediaProblem;
  cameras: MediaDeviceInfo[];
  microphones: MediaDeviceInfo[];
  cameraId?: string;
  microphoneId?: string;
  cameraOn: boolean;
  microphoneOn: boolean;
  /** The camera preview; null while the camera is off. */
  videoStream: MediaStream | null;
  /** Microphone input level, 0–1, sampled about 10 times a second. */
  level: number;
  selectCamera: (id: string) => void;
  selectMicrophone: (id: string) => void;
  toggleCamera: () => void;
  toggleMicrophone: () => void;
  retry: () => void;
}

function explain(error: unknown): { status: MediaStatus; problem: MediaProblem } {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return { status: 'denied', problem: 'blocked' };
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return { status: 'no-devices', problem: 'notFound' };
  if (name === 'NotReadableError') return { status: 'error', problem: 'inUse' };
  return { status: 'error', problem: 'failed' };
}

const stopAll = (stream: MediaStream | null) => stream?.getTracks().forEach((t) => t.stop());

const isMissing = (error: unknown) =>
  error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'OverconstrainedError');

/**
 * Both devices in one prompt; when one of them does not exist (a desktop without a camera), the one
 * that does: a guest without a camera still joins with audio, one without a microphone still watches.
 */
async function openWhatExists(): Promise<MediaStream> {
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  return navigator.mediaDevices.getUserMedia({ video: true });
}

/**
 * Camera preview and microphone level for the device check, in plain browser media APIs so it works
 * the same before any call exists. Every track it opens is stopped when it is replaced or unmounted.
 */
export function useLocalMedia(): LocalMedia {
  const [status, setStatus] = useState<MediaStatus>('requesting');
  const [problem, setProblem] = useState<MediaProblem>();
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [microphones, setMicrophones] = useState<MediaDeviceInfo[]>([]);
  const [cameraId, setCameraId] = useState<string>();
  const [microphoneId, setMicrophoneId] = useState<string>();
  const [cameraOn, setCameraOn] = useState(true);
  const [microphoneOn, setMicrophoneOn] = useState(true);
  const [videoStream, setVideoStream] = useState<MediaStream | null>(null);
  const [level, setLevel] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const audioStream = useRef<MediaStream | null>(null);

  // Ask once for both devices (one permission prompt), then list them: labels are only visible after consent.
  useEffect(() => {
    let cancelled = false;
    openWhatExists()
      .then(async (probe) => {
        const devices = await navigator.mediaDevices.enumerateDevices();
        stopAll(probe);
        if (cancelled) return;
        const cams = devices.filter((d) => d.kind === 'videoinput');
        const mics = devices.filter((d) => d.kind === 'audioinput');
        setCameras(cams);
        setMicrophones(mics);
        setCameraId((id) => id ?? cams[0]?.deviceId);
        setMicrophoneId((id) => id ?? mics[0]?.deviceId);
        setStatus('ready');
        setProblem(undefined);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        const explained = explain(error);
        setStatus(explained.status);
        setProblem(explained.problem);
      });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  // Camera preview follows the selected camera and the on/off switch.
  useEffect(() => {
    if (status !== 'ready' || !cameraOn || !cameraId) return;
    let stream: MediaStream | null = null;
    let cancelled = false;
    navigator.mediaDevices
      .getUserMedia({ video: { deviceId: { exact: cameraId } } })
      .then((s) => {
        if (cancelled) return stopAll(s);
        stream = s;
        setVideoStream(s);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setProblem(explain(error).problem);
      });
    return () => {
      cancelled = true;
      stopAll(stream);
      setVideoStream(null);
    };
  }, [status, cameraOn, cameraId]);

  // Microphone level meter: the same level reader the call uses for "speaking" (mic-level.ts).
  useEffect(() => {
    if (status !== 'ready' || !microphoneOn || !microphoneId) return;
    let cancelled = false;
    let stopLevel: (() => void) | undefined;
    navigator.mediaDevices
      .getUserMedia({ audio: { deviceId: { exact: microphoneId } } })
      .then((s) => {
        if (cancelled) return stopAll(s);
        audioStream.current = s;
        const track = s.getAudioTracks()[0];
        if (track) stopLevel = startMicLevel(track, (reading) => setLevel((previous) => meterLevel(reading, previous)));
      })
      .catch((error: unknown) => {
        if (!cancelled) setProblem(explain(error).problem);
      });
    return () => {
      cancelled = true;
      stopLevel?.();
      stopAll(audioStream.current);
      audioStream.current = null;
      setLevel(0);
    };
  }, [status, microphoneOn, microphoneId]);

  return {
    status,
    problem,
    cameras,
    microphones,
    cameraId,
    microphoneId,
    cameraOn,
    microphoneOn,
    videoStream,
    level,
    selectCamera: useCallback((id: string) => setCameraId(id), []),
    selectMicrophone: useCallback((id: string) => setMicrophoneId(id), []),
    toggleCamera: useCallback(() => setCameraOn((on) => !on), []),
    toggleMicrophone: useCallback(() => setMicrophoneOn((on) => !on), []),
    retry: useCallback(() => {
      setStatus('requesting');
      setProblem(undefined);
      setAttempt((n) => n + 1);
    }, []),
  };
}
