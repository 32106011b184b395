/** `npm run kring -- admin create <name>`: in-process for the rules, and once as a real process. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src/cli/run-cli';
import { demoUsers } from '../../../src/db/seed/demo-content';
import { hashPassword } from '../../../src/lib/password';
import { demoAccountsWithPublishedPassword } from '../../../src/modules/accounts/accounts.admin';
import { openDatabase } from '../../../src/db/client';
import { recoveryCodes, users } from '../../../src/db/schema';
import { usernameKey } from '../../../src/lib/username';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createTestDatabase } from '../../helpers/database';
import { call, sessionCookie, signUp } from '../../helpers/accounts';

const ADMIN_PASSWORD = 'een beheerder met een sterk wachtwoord';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

function io(env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const value: CliIo = { env, stdin: Readable.from([]), stdout, stderr };
  return { io: value, out: () => out, err: () => err };
}

const run = (argv: string[], env: Record<string, string> = { KRING_ADMIN_PASSWORD: ADMIN_PASSWORD }) => {
  const streams = io(env);
  return runCli(argv, streams.io, { database: t.app.kring.database }).then((code) => ({ code, ...streams }));
};

describe('admin create (in process)', () => {
  it('creates an admin who can sign in, and prints recovery codes once', async () => {
    const result = await run(['admin', 'create', 'Beheerder_Anna']);
    expect(result.code).toBe(0);
    expect(result.out()).toContain('Admin "Beheerder_Anna" created');
    const codes = result.out().match(/^ {2}[a-z2-7]{5}-[a-z2-7]{5}$/gm) ?? [];
    expect(codes).toHaveLength(10);

    const db = t.app.kring.database.db;
    const [row] = await db
      .select()
      .from(users)
      .where(eq(users.usernameKey, usernameKey('Beheerder_Anna')));
    expect(row?.role).toBe('admin');
    expect(
      await db
        .select()
        .from(recoveryCodes)
        .where(eq(recoveryCodes.userId, row?.id ?? '')),
    ).toHaveLength(10);

    const login = await call(t.app, 'POST', '/api/auth/login', {
      username: 'Beheerder_Anna',
      password: ADMIN_PASSWORD,
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.role).toBe('admin');
    expect(sessionCookie(login)).not.toBeNull();
  });

  it('refuses a taken name', async () => {
    await signUp(t.app, 'Al_Bezet');
    const result = await run(['admin', 'create', 'al_bezet']);
    expect(result.code).toBe(1);
    expect(result.err()).toContain('already in use');
  });

  it('refuses a weak password and an invalid name before touching the database', async () => {
    const weak = await run(['admin', 'create', 'Beheer_Bob'], { KRING_ADMIN_PASSWORD: 'welkom123' });
    expect(weak.code).toBe(1);
    expect(weak.err()).toContain('password');
    const invalid = await run(['admin', 'create', 'Beheer Bob']);
    expect(invalid.code).toBe(1);
    expect(invalid.err()).toContain('pseudonym');
  });

  it('without a terminal and without KRING_ADMIN_PASSWORD it explains what to do', async () => {
    const result = await run(['admin', 'create', 'Beheer_Carla'], {});
    expect(result.code).toBe(1);
    expect(result.err()).toContain('KRING_ADMIN_PASSWORD');
  });

  it('promotes an existing member', async () => {
    const member = await signUp(t.app, 'Toekomstige_Baas');
    const result = await run(['admin', 'promote', 'toekomstige_baas'], {});
    expect(result.code).toBe(0);
    const me = await call(t.app, 'GET', '/api/me', undefined, { cookie: member.cookie });
    expect(me.json().user.role).toBe('admin');
    expect((await run(['admin', 'promote', 'Niemand_Zo'], {})).code).toBe(1);
  });

  it('demo lock gives the demo accounts a password nobody knows and signs them out', async () => {
    const demo = demoUsers[1];
    if (!demo) throw new Error('no demo user');
    // As the seed makes it: the published password.
    await t.app.kring.database.db.insert(users).values({
      username: demo.username,
      usernameKey: usernameKey(demo.username),
      passwordHash: await hashPassword(demo.password),
    });
    const before = await call(t.app, 'POST', '/api/auth/login', { username: demo.username, password: demo.password });
    expect(before.statusCode).toBe(200);
    const cookie = sessionCookie(before) ?? '';
    expect(await demoAccountsWithPublishedPassword(t.app.kring.database.db)).toEqual([demo.username]);

    const result = await run(['demo', 'lock'], {});
    expect(result.code).toBe(0);
    expect(result.out()).toContain(`Locked ${demo.username}`);
    expect(await demoAccountsWithPublishedPassword(t.app.kring.database.db)).toEqual([]);
    const after = await call(t.app, 'POST', '/api/auth/login', { username: demo.username, password: demo.password });
    expect(after.statusCode).toBe(401);
    expect((await call(t.app, 'GET', '/api/me', undefined, { cookie })).statusCode).toBe(401);
    expect((await run(['demo', 'lock'], {})).out()).toContain('No demo account');
  });

  it('prints usage for anything else', async () => {
    for (const argv of [
      [],
      ['admin'],
      ['admin', 'create'],
      ['user', 'create', 'x'],
      ['admin', 'create', 'a', 'b'],
      ['demo'],
      ['demo', 'lock', 'x'],
    ]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err()).toContain('Usage');
    }
  });
});

describe('npm run kring -- admin create (real process)', () => {
  const root = path.resolve(import.meta.dirname, '../../../..');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'kring-cli-test-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('creates the admin in the configured database (PGlite, or PostgreSQL when TEST_DATABASE_URL is set)', async () => {
    const database = await createTestDatabase();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      KRING_ADMIN_PASSWORD: ADMIN_PASSWORD,
    };
    if (database.config.kind === 'postgres') env.DATABASE_URL = database.config.url;
    else env.KRING_DATA_DIR = path.join(scratch, 'data');
    try {
      const child = spawn(
        path.join(root, 'node_modules/.bin/tsx'),
        ['server/src/cli.ts', 'admin', 'create', 'Eerste_Beheerder'],
        {
          cwd: root,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toContain(`created (${database.config.kind})`);

      const opened = await openDatabase(
        database.config.kind === 'postgres' ? database.config : { kind: 'pglite', dataDir: env.KRING_DATA_DIR ?? null },
      );
      try {
        const [row] = await opened.db.select().from(users).where(eq(users.usernameKey, 'eerste_beheerder'));
        expect(row?.role).toBe('admin');
      } finally {
        await opened.close();
      }
    } finally {
      await database.drop();
    }
  }, 60_000);
});
