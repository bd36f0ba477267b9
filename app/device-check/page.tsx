import type { Metadata } from 'next';
import { DeviceCheckLoader } from '@/components/device-check/DeviceCheckLoader';

export const metadata: Metadata = { title: 'Check your devices' };

export default function DeviceCheckPage() {
  return (
    <>
      <h1>Check your camera and microphone</h1>
      <p className="lead">
        Nothing you see or say here leaves your browser. Guests see this same check before they join a meeting.
      </p>
      <DeviceCheckLoader />
    </>
  );
}
