/** Time, injectable so tests can move it (session expiry, mutes, throttles). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
