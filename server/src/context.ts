/**
 * What every module gets: configuration, database, clock and the shared services. Built once per
 * app in buildApp, passed explicitly to each module's routes (no globals, no import-time side effects).
 */
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from './config';
import type { Database } from './db/client';
import type { Clock } from './lib/clock';
import type { AccountExtensions } from './modules/accounts/accounts.extensions';
import type { IpHasher } from './modules/accounts/accounts.ip-hash';
import type { ModerationHooks } from './modules/moderation/moderation.events';
import type { SessionService } from './modules/sessions/sessions.service';
import type { Publisher } from './realtime/publisher';

export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  sessions: SessionService;
  publisher: Publisher;
  /** Keyed, daily-rotating hashes of IP addresses (never store a raw address). */
  ipHasher: IpHasher;
  /** Where features register what happens to their data when an account is deleted or exported. */
  accountExtensions: AccountExtensions;
  /** Moderator decisions and appeal outcomes, after commit, for other modules (notifications) to act on. */
  moderationHooks: ModerationHooks;
}

export type ZodApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;
