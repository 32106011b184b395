/**
 * Keyed hashes of IP addresses: HMAC-SHA-256 with a random key per UTC day, stored in the database
 * so every process hashes alike. Raw addresses are never stored. Keys older than two days are deleted
 * (accounts.maintenance.ts), after which no stored hash can be linked to an address; rows that hold
 * hashes are purged long before the 14-day limit.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { ipKeysRepository } from './accounts.repository';

export interface IpHasher {
  hash(ip: string): Promise<string>;
}

export const utcDay = (date: Date): string => date.toISOString().slice(0, 10);

export function createIpHasher(db: Db, clock: Clock): IpHasher {
  let cached: { day: string; secret: string } | null = null;
  return {
    async hash(ip) {
      const day = utcDay(clock.now());
      if (cached?.day !== day) {
        const secret = await ipKeysRepository.findOrCreate(db, day, randomBytes(32).toString('hex'), clock.now());
        cached = { day, secret };
      }
      return createHmac('sha256', Buffer.from(cached.secret, 'hex')).update(ip).digest('hex');
    },
  };
}
