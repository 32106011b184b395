export * from './errors';
export * from './schemas/health';
export * from './realtime/events';
