export * from './errors';
export * from './usernames';
export * from './schemas/common';
export * from './schemas/health';
export * from './schemas/accounts';
export * from './schemas/spaces';
export * from './realtime/events';
