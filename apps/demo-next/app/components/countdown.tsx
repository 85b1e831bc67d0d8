'use client';
// Counts down from the seconds the server rendered (on its clock, which may be the mock's moved clock).
import { useEffect, useState } from 'react';

export function Countdown({ seconds, done, testId }: { readonly seconds: number; readonly done: string; readonly testId?: string }) {
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const end = performance.now() + seconds * 1000;
    setLeft(seconds);
    const timer = setInterval(() => setLeft(Math.max(0, Math.round((end - performance.now()) / 1000))), 1000);
    return () => clearInterval(timer);
  }, [seconds]);
  return <span data-testid={testId}>{left > 0 ? format(left) : done}</span>;
}

function format(s: number): string {
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
