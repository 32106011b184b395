/**
 * `npm run kring -- <command>`: administrative commands, for PGlite and PostgreSQL alike (the same
 * DATABASE_URL / KRING_DATA_DIR as the server). With the embedded database, stop the server first:
 * PGlite allows one process at a time.
 *
 *   admin create <pseudonym>    create an admin; asks for the password (or reads KRING_ADMIN_PASSWORD)
 *   admin promote <pseudonym>   make an existing account an admin
 *   demo lock                   give the demo accounts a random password (before real people use Kring)
 */
import type { Readable, Writable } from 'node:stream';
import { ConfigError, loadConfig } from '../config';
import { openDatabase, type Database } from '../db/client';
import { runMigrations } from '../db/migrate';
import { systemClock } from '../lib/clock';
import { checkAdminInput, createAdmin, lockDemoAccounts, promoteToAdmin } from '../modules/accounts/accounts.admin';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: Writable;
  stderr: Writable;
}

const usage = `Usage:
  npm run kring -- admin create <pseudonym>    create an admin (asks for a password, or set KRING_ADMIN_PASSWORD)
  npm run kring -- admin promote <pseudonym>   make an existing account an admin
  npm run kring -- demo lock                   give the demo accounts a random password nobody knows
`;

/** Reads a line from a terminal without echoing it. */
function promptHidden(question: string, io: CliIo): Promise<string> {
  const { stdin, stdout } = io;
  return new Promise((resolve, reject) => {
    stdout.write(question);
    stdin.setRawMode?.(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stdout.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(io: CliIo): Promise<string | null> {
  const fromEnv = io.env.KRING_ADMIN_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.stdin.isTTY) return null;
  const first = await promptHidden('Password (at least 10 characters): ', io);
  const second = await promptHidden('Repeat the password: ', io);
  if (first !== second) throw new Error('the passwords differ');
  return first;
}

/** Runs one command; resolves to the process exit code. `database` replaces opening one from config (tests). */
export async function runCli(argv: string[], io: CliIo, options: { database?: Database } = {}): Promise<number> {
  const [group, command, name, ...rest] = argv;
  const demoLock = group === 'demo' && command === 'lock' && name === undefined;
  const adminCommand = group === 'admin' && (command === 'create' || command === 'promote') && name;
  if ((!demoLock && !adminCommand) || rest.length > 0) {
    io.stderr.write(usage);
    return 2;
  }

  let password: string | null = null;
  if (adminCommand && command === 'create') {
    try {
      password = await readPassword(io);
    } catch (error) {
      io.stderr.write(`kring: ${(error as Error).message}\n`);
      return 1;
    }
    if (password === null) {
      io.stderr.write('kring: no terminal to ask for a password; set KRING_ADMIN_PASSWORD\n');
      return 1;
    }
    const checked = checkAdminInput(name, password);
    if (!checked.ok) {
      io.stderr.write(`kring: ${checked.error.message}\n`);
      return 1;
    }
  }

  let database = options.database;
  if (!database) {
    try {
      const config = loadConfig(io.env);
      database = await openDatabase(config.database, { poolSize: 2 });
      await runMigrations(database);
    } catch (error) {
      io.stderr.write(
        `kring: ${error instanceof ConfigError ? error.message : `cannot open the database: ${(error as Error).message}`}\n`,
      );
      await database?.close().catch(() => undefined);
      return 1;
    }
  }

  try {
    if (demoLock) {
      const locked = await lockDemoAccounts(database.db, systemClock);
      io.stdout.write(
        locked.length === 0
          ? 'No demo account has its published password (any more).\n'
          : `Locked ${locked.join(', ')}: they now have a random password nobody knows.\n`,
      );
      return 0;
    }
    if (!name) return 2;
    if (command === 'promote') {
      const result = await promoteToAdmin(database.db, systemClock, name);
      if (!result.ok) {
        io.stderr.write(`kring: ${result.error.message}\n`);
        return 1;
      }
      io.stdout.write(`${result.value.username} is now an admin.\n`);
      return 0;
    }
    const result = await createAdmin(database.db, systemClock, { username: name, password: password ?? '' });
    if (!result.ok) {
      io.stderr.write(`kring: ${result.error.message}\n`);
      return 1;
    }
    io.stdout.write(
      [
        `Admin "${result.value.user.username}" created (${database.kind}).`,
        '',
        'Recovery codes — store them somewhere safe; each works once and they are not shown again:',
        ...result.value.recoveryCodes.map((code) => `  ${code}`),
        '',
      ].join('\n'),
    );
    return 0;
  } finally {
    if (!options.database) await database.close();
  }
}
