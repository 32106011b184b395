/**
 * The Kring process: read config, build the app, listen, and shut down gracefully on SIGTERM/SIGINT
 * (stop accepting, finish in-flight requests, close sockets and the database).
 */
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { RedisUnavailableError } from './realtime/redis';
import { seedIfEmpty } from './db/seed/seed';
import { demoAccountsWithPublishedPassword } from './modules/accounts/accounts.admin';
import { demoPasswordNotice } from './db/seed/demo-content';

function fatal(message: string): never {
  process.stderr.write(`kring: ${message}\n`);
  process.exit(1);
}

function describeStartError(error: unknown, config: Config): string {
  const err = error as { code?: string; message?: string };
  if (error instanceof RedisUnavailableError) return error.message;
  if (err.code === 'EADDRINUSE')
    return `port ${config.port} on ${config.host} is already in use (set PORT to another port)`;
  if (err.code === 'EACCES') return `no permission to listen on ${config.host}:${config.port}`;
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN')
    return 'cannot reach the PostgreSQL server in DATABASE_URL (is it running, is the host right?)';
  if (err.code === '28P01' || err.code === '28000') return 'PostgreSQL refused the credentials in DATABASE_URL';
  if (err.code === '3D000') return 'the database named in DATABASE_URL does not exist';
  if (error instanceof DataDirLockedError) return error.message;
  return `could not start: ${err.message ?? String(error)}`;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fatal(error.message);
    throw error;
  }

  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    app = await buildApp(config);
  } catch (error) {
    fatal(describeStartError(error, config));
  }

  if (config.env === 'production') {
    const exposed = await demoAccountsWithPublishedPassword(app.kring.database.db);
    if (exposed.length > 0) {
      await app.close().catch(() => undefined);
      fatal(
        `the demo account${exposed.length > 1 ? 's' : ''} ${exposed.join(', ')} still ha${exposed.length > 1 ? 've' : 's'} ` +
          'the password published in the source; anyone could sign in. Run `npm run kring -- demo lock` ' +
          '(or delete the accounts), then start again.',
      );
    }
  }

  if (!config.rateLimits)
    app.log.warn('KRING_RATE_LIMITS=off: throttling is disabled. Use this for benchmarks and test runs only.');

  if (config.bench) app.log.warn('KRING_BENCH=1: the /bench baseline routes are served. Never use this in production.');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  // Seed before listening, so nobody is ever served a half-filled demo database.
  const seedLines: string[] = [];
  if (config.seed) {
    // Several processes starting together on one empty database race to seed; the loser's insert hits a
    // unique constraint and rolls back, and it simply starts without printing the demo logins.
    const seed = await seedIfEmpty(app.kring.database.db).catch((error: unknown) => {
      if (
        (error as { code?: string }).code === '23505' ||
        (error as { cause?: { code?: string } }).cause?.code === '23505'
      )
        return { seeded: false as const, logins: [] };
      throw error;
    });
    if (seed.seeded) {
      seedLines.push('Demo content was added. Demo logins:');
      for (const login of seed.logins) seedLines.push(`  ${login.username} / ${login.password}  (${login.label})`);
      seedLines.push(`  ${demoPasswordNotice}`);
    }
  }

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.close().catch(() => undefined);
    fatal(describeStartError(error, config));
  }

  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const lines = [
    `Kring is running at http://${shownHost}:${port} (database: ${app.kring.database.kind})`,
    ...seedLines,
  ];

  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

main().catch((error: unknown) => {
  fatal(error instanceof Error ? error.message : String(error));
});
