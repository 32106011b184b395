/**
 * Throttling of login, recovery, sign-up and password confirmations, kept in the database so that
 * every process sees the same state. Failures are counted per subject; from `threshold` failures on,
 * the subject waits `baseBlockMs`, doubling with each further failure up to `maxBlockMs`. A count
 * starts again after `resetAfterMs` without failures, or when the owner proves who they are.
 *
 * Nobody can lock someone else out: the tight limit (five tries) is per *(account, source)*, so wrong
 * guesses from one address block that address for that account only, never the owner elsewhere. Per
 * source (`*_ip`) a generous limit covers one address trying many accounts. Per account (`*_account`)
 * only a much higher ceiling remains, against guessing spread over many addresses; a valid recovery
 * code still logs the owner in while that ceiling is reached (50-bit codes; see accounts.service.ts).
 *
 * Per-account throttles are keyed by the SHA-256 of the *typed* username key, whether or not such an
 * account exists, so a 429 never reveals that a name is taken. Per-IP throttles use a keyed hash of
 * the address (see accounts.ip-hash.ts). With `KRING_RATE_LIMITS=off` nothing is throttled.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { throttleRepository } from './accounts.repository';

export type ThrottleScope =
  | 'login_pair'
  | 'login_account'
  | 'login_ip'
  | 'recover_pair'
  | 'recover_account'
  | 'recover_ip'
  | 'signup_ip'
  | 'reauth_account';

interface ThrottlePolicy {
  threshold: number;
  resetAfterMs: number;
  baseBlockMs: number;
  maxBlockMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const throttlePolicies: Record<ThrottleScope, ThrottlePolicy> = {
  // Per account and source: five tries, then 30 s, 1 min, 2 min, … capped at 15 min (about a hundred
  // guesses a day from one address). Blocks only that address for that account.
  login_pair: { threshold: 5, resetAfterMs: 24 * HOUR, baseBlockMs: 30 * SECOND, maxBlockMs: 15 * MINUTE },
  recover_pair: { threshold: 5, resetAfterMs: 24 * HOUR, baseBlockMs: 30 * SECOND, maxBlockMs: 15 * MINUTE },
  // Per account, across all sources: only a ceiling against distributed guessing (100 failures an hour).
  login_account: { threshold: 100, resetAfterMs: HOUR, baseBlockMs: 15 * MINUTE, maxBlockMs: HOUR },
  recover_account: { threshold: 100, resetAfterMs: HOUR, baseBlockMs: 15 * MINUTE, maxBlockMs: HOUR },
  // Confirming the password for a change, new recovery codes or deletion, per signed-in account.
  reauth_account: { threshold: 5, resetAfterMs: 24 * HOUR, baseBlockMs: 30 * SECOND, maxBlockMs: 15 * MINUTE },
  // Per address: generous, because many people can share one (a family, a hospital's wifi).
  login_ip: { threshold: 30, resetAfterMs: HOUR, baseBlockMs: MINUTE, maxBlockMs: HOUR },
  recover_ip: { threshold: 15, resetAfterMs: HOUR, baseBlockMs: MINUTE, maxBlockMs: HOUR },
  // Every sign-up attempt counts, successful or not.
  signup_ip: { threshold: 20, resetAfterMs: HOUR, baseBlockMs: 10 * MINUTE, maxBlockMs: HOUR },
};

/** The subject of a per-account throttle: a hash of the username key as typed. */
export function accountSubject(key: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(`account:${key}`)));
}

/** The subject of a per-(account, source) throttle: a hash of the account subject and the keyed IP hash. */
export function pairSubject(account: string, ipHash: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(`pair:${account}:${ipHash}`)));
}

export interface Throttle {
  /** Seconds to wait before trying again, or null when the subject may go ahead. */
  retryAfter(scope: ThrottleScope, subject: string): Promise<number | null>;
  /** Records a failure (or, for sign-up, an attempt). */
  hit(scope: ThrottleScope, subject: string): Promise<void>;
  /** Forgets the failures, e.g. after a successful login. */
  clear(scopes: ThrottleScope[], subject: string): Promise<void>;
}

export function createThrottle(db: Db, clock: Clock, enabled: boolean): Throttle {
  return {
    async retryAfter(scope, subject) {
      if (!enabled) return null;
      const row = await throttleRepository.find(db, scope, subject);
      const now = clock.now().getTime();
      if (!row?.blockedUntil || row.blockedUntil.getTime() <= now) return null;
      return Math.max(1, Math.ceil((row.blockedUntil.getTime() - now) / SECOND));
    },

    async hit(scope, subject) {
      if (!enabled) return;
      const policy = throttlePolicies[scope];
      const now = clock.now();
      const failures = await throttleRepository.increment(
        db,
        scope,
        subject,
        now,
        new Date(now.getTime() - policy.resetAfterMs),
      );
      if (failures < policy.threshold) return;
      const exponent = Math.min(failures - policy.threshold, 20);
      const blockMs = Math.min(policy.maxBlockMs, policy.baseBlockMs * 2 ** exponent);
      await throttleRepository.block(db, scope, subject, new Date(now.getTime() + blockMs));
    },

    async clear(scopes, subject) {
      if (!enabled) return;
      await throttleRepository.clear(db, scopes, subject);
    },
  };
}
