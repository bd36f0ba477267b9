'use client';

import { signIn, signOut } from './auth-client';
import { useState } from 'react';

export function SignInButton({ callbackUrl }: { callbackUrl: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button"
      disabled={busy}
      aria-busy={busy}
      onClick={() => {
        setBusy(true);
        void signIn('entra', { callbackUrl });
      }}
    >
      {busy ? 'Opening Microsoft sign-in…' : 'Sign in with Microsoft'}
    </button>
  );
}

export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button button--secondary"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void signOut({ callbackUrl: '/' });
      }}
    >
      {busy ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
