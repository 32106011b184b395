/**
 * Sessions after Lucia's guide (lucia-auth.com): a random token goes to the client in a cookie; the
 * database holds only its SHA-256. Sliding expiry of 30 days, capped by an absolute 90 days.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../../db/client';
import type { MemberActor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { sessionsRepository, type SessionRow } from './sessions.repository';

const DAY = 24 * 60 * 60 * 1000;
export const SLIDING_LIFETIME_MS = 30 * DAY;
export const ABSOLUTE_LIFETIME_MS = 90 * DAY;
/** Extend the sliding expiry when less than this is left, so not every request writes. */
const RENEW_WHEN_LEFT_MS = 29 * DAY;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20); // 160 bits of entropy
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export interface ValidatedSession {
  session: SessionRow;
  actor: MemberActor;
  /** True when the expiry moved and the cookie should be re-sent. */
  renewed: boolean;
}

export function createSessionService(db: Db, clock: Clock) {
  return {
    async create(userId: string, label = ''): Promise<{ token: string; session: SessionRow }> {
      const token = generateSessionToken();
      const now = clock.now();
      const session = await sessionsRepository.insert(db, {
        id: sessionIdFromToken(token),
        userId,
        createdAt: now,
        lastUsedAt: now,
        expiresAt: new Date(now.getTime() + SLIDING_LIFETIME_MS),
        absoluteExpiresAt: new Date(now.getTime() + ABSOLUTE_LIFETIME_MS),
        label,
      });
      return { token, session };
    },

    async validate(token: string): Promise<ValidatedSession | null> {
      // Tokens we issue are 32 base32 characters; anything else cannot match and costs no query.
      if (!/^[a-z2-7]{32}$/.test(token)) return null;
      const id = sessionIdFromToken(token);
      const found = await sessionsRepository.findWithUser(db, id);
      if (!found) return null;
      const now = clock.now();
      const { session, user } = found;
      if (now >= session.expiresAt || now >= session.absoluteExpiresAt) {
        await sessionsRepository.delete(db, id);
        return null;
      }
      let renewed = false;
      if (session.expiresAt.getTime() - now.getTime() < RENEW_WHEN_LEFT_MS) {
        const expiresAt = new Date(Math.min(now.getTime() + SLIDING_LIFETIME_MS, session.absoluteExpiresAt.getTime()));
        await sessionsRepository.touch(db, id, expiresAt, now);
        session.expiresAt = expiresAt;
        session.lastUsedAt = now;
        renewed = true;
      }
      return {
        session,
        renewed,
        actor: {
          kind: 'member',
          userId: user.id,
          username: user.username,
          role: user.role,
          locale: user.locale,
          moderatorOf: found.moderatorOf,
          createdAt: user.createdAt,
          sessionId: id,
        },
      };
    },

    async invalidate(sessionId: string): Promise<void> {
      await sessionsRepository.delete(db, sessionId);
    },

    async invalidateAllForUser(userId: string, exceptSessionId?: string): Promise<void> {
      await sessionsRepository.deleteForUser(db, userId, exceptSessionId);
    },

    /** Deletes sessions past their sliding or absolute expiry (they no longer work anyway). */
    async purgeExpired(): Promise<void> {
      await sessionsRepository.deleteExpired(db, clock.now());
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
