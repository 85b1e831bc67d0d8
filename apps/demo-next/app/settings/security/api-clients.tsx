'use client';
// /settings/security's client parts: the API called with a Bearer token, and the signed-out-elsewhere watcher.
import { useEffect, useState } from 'react';

/** Calls `/api/profile` with `Authorization: Bearer` and no cookies, as a mobile app or CLI would. */
export function BearerCall({ accessToken }: { readonly accessToken: string }) {
  const [answer, setAnswer] = useState<{ status: number; text: string } | null>(null);
  const call = async () => {
    const response = await fetch('/api/profile', { credentials: 'omit', headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });
    setAnswer({ status: response.status, text: `${String(response.status)} ${JSON.stringify(await response.json())}` });
  };
  return (
    <>
      <p>
        <button className="quiet" type="button" data-testid="bearer-call" onClick={() => void call()}>
          Call /api/profile with the token
        </button>
      </p>
      <pre className="muted" data-testid="bearer-out" data-status={answer?.status}>
        {answer?.text}
      </pre>
    </>
  );
}

/** Revealed once `/api/me` (polled every 250 ms) answers 401: another browser signed this session out. */
export function SignedOutWatcher() {
  const [signedOut, setSignedOut] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => {
      void fetch('/api/me', { headers: { accept: 'application/json' } }).then(
        (response) => {
          if (response.status !== 401) return;
          clearInterval(timer);
          setSignedOut(true);
        },
        () => undefined,
      );
    }, 250);
    return () => clearInterval(timer);
  }, []);
  return (
    <p className="error" data-testid="signed-out-elsewhere" hidden={!signedOut}>
      This session was signed out elsewhere. <a href="/login?next=%2Fsettings%2Fsecurity">Sign in again</a>
    </p>
  );
}

/** Rendered once React has hydrated the page (its buttons and forms handle input from then on): the e2e test waits for it. */
export function HydrationMark() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated ? <span hidden data-testid="hydrated" /> : null;
}
