'use client';

import type { ReactNode } from 'react';

/**
 * The device pickers and microphone meter of the device check and the guest's pre-join: one markup, so
 * both pages label devices the same way and read the same to a screen reader. The words come from
 * the caller, in the page's language.
 */
export function DeviceSelect({
  id,
  label,
  devices,
  value,
  onChange,
  unnamed,
  none: noneLabel,
  disabled = false,
}: {
  id: string;
  label: string;
  devices: MediaDeviceInfo[];
  value: string | undefined;
  onChange: (deviceId: string) => void;
  /** How an unlabelled device is called (browsers hide labels until permission is granted): "Camera 2". */
  unnamed: string;
  /** The one option shown while there is no device, in the page's language. */
  none: string;
  disabled?: boolean;
}) {
  const none = devices.length === 0;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} disabled={none || disabled}>
        {none ? <option value="">{noneLabel}</option> : null}
        {devices.map((d, i) => (
          <option key={d.deviceId} value={d.deviceId}>
            {d.label || `${unnamed} ${i + 1}`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The microphone's level (0–1) as a meter, with an optional hint below it; `label` names the meter. */
export function MicrophoneMeter({
  id,
  label,
  level,
  hint,
}: {
  id: string;
  label: string;
  level: number;
  hint?: ReactNode;
}) {
  const percent = Math.round(level * 100);
  return (
    <div className="field">
      <span id={id}>{label}</span>
      <div
        className="meter"
        role="meter"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="meter__fill" style={{ width: `${percent}%` }} />
      </div>
      {hint ? <small>{hint}</small> : null}
    </div>
  );
}
