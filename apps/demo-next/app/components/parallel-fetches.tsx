'use client';
// Fires N parallel fetch('/api/me'): past the refresh point they share one refresh.
import { useState } from 'react';

export const PARALLEL_FETCHES = 8;

interface Answer {
  readonly status: number | 'network error';
  readonly email: string | null;
}

async function me(): Promise<Answer> {
  try {
    const response = await fetch('/api/me', { headers: { accept: 'application/json' } });
    const body = (await response.json()) as { user?: { email?: string | null } };
    return { status: response.status, email: body.user?.email ?? null };
  } catch {
    return { status: 'network error', email: null };
  }
}

export function ParallelFetches() {
  const [answers, setAnswers] = useState<readonly Answer[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [runs, setRuns] = useState(0);
  const send = async (): Promise<void> => {
    setBusy(true);
    setAnswers(await Promise.all(Array.from({ length: PARALLEL_FETCHES }, me)));
    setRuns((n) => n + 1);
    setBusy(false);
  };
  const ok = answers?.filter((a) => a.status === 200).length ?? 0;
  return (
    <section className="card">
      <div className="label">Try it</div>
      <p>
        Fire {PARALLEL_FETCHES} parallel <code>fetch(&apos;/api/me&apos;)</code>: past the refresh point they share one refresh.
      </p>
      <button type="button" data-testid="burst" disabled={busy} onClick={() => void send()}>
        Send {PARALLEL_FETCHES} requests
      </button>{' '}
      {answers === null ? null : (
        <span className="muted" data-testid="burst-result" data-ok={ok} data-total={answers.length} data-run={runs}>
          {busy ? 'sending…' : `statuses: ${answers.map((a) => a.status).join(', ')} (${ok}/${answers.length} signed in)`}
        </span>
      )}
    </section>
  );
}
