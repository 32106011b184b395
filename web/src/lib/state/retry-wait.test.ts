import { describe, expect, it } from 'vitest';
import { secondsLeft, waitParts } from './retry-wait';

describe('waitParts', () => {
  it('splits a wait into minutes and seconds', () => {
    expect(waitParts(100)).toEqual({ minutes: 1, seconds: 40 });
    expect(waitParts(120)).toEqual({ minutes: 2, seconds: 0 });
    expect(waitParts(59)).toEqual({ minutes: 0, seconds: 59 });
  });

  it('rounds up and never goes below zero', () => {
    expect(waitParts(0.2)).toEqual({ minutes: 0, seconds: 1 });
    expect(waitParts(-3)).toEqual({ minutes: 0, seconds: 0 });
  });
});

describe('secondsLeft', () => {
  it('counts down to the moment and stops at zero', () => {
    expect(secondsLeft(100_000, 0)).toBe(100);
    expect(secondsLeft(100_000, 99_001)).toBe(1);
    expect(secondsLeft(100_000, 100_000)).toBe(0);
    expect(secondsLeft(100_000, 200_000)).toBe(0);
  });
});
