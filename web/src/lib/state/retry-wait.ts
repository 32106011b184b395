/** How long a throttled writer still waits ("1 minuut en 40 seconden"), from a `Retry-After` moment. */

/** Whole minutes and the seconds left over, rounded up (never negative). */
export function waitParts(totalSeconds: number): { minutes: number; seconds: number } {
  const whole = Math.max(0, Math.ceil(totalSeconds));
  return { minutes: Math.floor(whole / 60), seconds: whole % 60 };
}

/** Seconds left until `until` (epoch ms), rounded up; 0 once it has passed. */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}
