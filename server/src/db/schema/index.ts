/** Every table, for drizzle's typed client and for drizzle-kit's migration generator. */
export * from './accounts';
export * from './spaces';
export * from './audit';
export * from './threads';
export * from './search';
export * from './moderation';
