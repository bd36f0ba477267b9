'use client';

import dynamic from 'next/dynamic';
import type { CallExperienceProps } from './CallExperience';

// The UI Library and WebRTC need `window`: the call experience only loads in the browser.
const CallExperience = dynamic(() => import('./CallExperience'), {
  ssr: false,
  loading: () => <p role="status">Loading the meeting…</p>,
});

export function CallExperienceLoader(props: CallExperienceProps) {
  return <CallExperience {...props} />;
}
