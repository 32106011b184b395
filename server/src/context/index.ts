/**
 * What every module gets: configuration, database, clock, the logger and the shared services. Built once
 * per app in buildApp, passed explicitly to each module (no globals, no import-time side effects).
 *
 * Domains depend downward only (server/README.md). Where a lower domain must set off a higher one, it goes
 * through a hook on this context that the higher domain implements and the composition root
 * (`modules/services.ts`) registers: `postingGate` (moderation), `notifier` (notifications),
 * `moderationHooks` and `accountExtensions`. The types below that come from modules are type-only imports.
 */
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { Clock } from '../lib/clock';
import type { AccountExtensions } from '../modules/accounts/accounts.extensions';
import type { IpHasher } from '../modules/accounts/accounts.ip-hash';
import type { ModerationHooks } from '../modules/moderation/moderation.events';
import type { SessionService } from '../modules/sessions/sessions.service';
import type { Publisher } from '../realtime/publisher';
import type { Notifier } from './notifier';
import type { PostingGate } from './posting-gate';

export type { CommittedPost, Notifier, NotifyInput, PendingNotification } from './notifier';
export type { GateDecision, GateStatus, PostingGate } from './posting-gate';

/**
 * The one factory shape: `create<Name>Service(ctx, deps)`, where deps are the already built services of
 * lower domains it uses (`NoDeps` when none). The composition root builds each service once.
 */
export type NoDeps = Record<string, never>;

export interface AppContext {
  config: Config;
  database: Database;
  clock: Clock;
  /** The app's logger (after-commit failures, periodic jobs); never given bodies, tokens or raw addresses. */
  log: FastifyBaseLogger;
  sessions: SessionService;
  publisher: Publisher;
  /** Keyed, daily-rotating hashes of IP addresses (never store a raw address). */
  ipHasher: IpHasher;
  /** Where features register what happens to their data when an account is deleted or exported. */
  accountExtensions: AccountExtensions;
  /** Moderator decisions and appeal outcomes, after commit, for other modules (notifications) to act on. */
  moderationHooks: ModerationHooks;
  /** Moderation's rules on the posting path (registered by the composition root). */
  postingGate: PostingGate;
  /** Notifications as the lower domains write them (registered by the composition root). */
  notifier: Notifier;
}

export type ZodApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * A hook that the composition root has not registered yet: any use fails loudly (a lower domain called
 * it while the app was still being built).
 */
export function unregistered<T extends object>(name: string): T {
  return new Proxy({} as T, {
    get() {
      throw new Error(`ctx.${name} was used before the composition root registered it`);
    },
  });
}
