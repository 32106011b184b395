// Must stay first: configures zod before any schema below is created.
import './zod-config';

export * from './errors';
export * from './usernames';
export * from './schemas/common';
export * from './schemas/health';
export * from './schemas/accounts';
export * from './schemas/spaces';
export * from './schemas/threads';
export * from './schemas/search';
export * from './realtime/events';
export * from './schemas/moderation';
