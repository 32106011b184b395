export * from './errors';
export * from './schemas/common';
export * from './schemas/health';
export * from './schemas/accounts';
export * from './schemas/spaces';
export * from './schemas/threads';
export * from './realtime/events';
