/**
 * Multi-process test harness: real Kring processes (`tsx server/src/main.ts`) on free ports, sharing one
 * fresh PostgreSQL database and one Redis (with a key prefix of their own, so parallel runs don't
 * collide), plus a tiny TCP load balancer that sends each new connection to a live process — what
 * nginx does in docker-compose.yml. Runs only when TEST_DATABASE_URL and TEST_REDIS_URL are set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { buildApp } from '../../src/app';
import { testConfig } from '../../src/config';
import type { ZodApp } from '../../src/context';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

export const multiprocessEnabled = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);

const root = path.resolve(import.meta.dirname, '../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const main = path.join(root, 'server/src/main.ts');

export interface KringProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): { stdout: string; stderr: string };
  /** SIGKILL (a crash) by default. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ProcessOptions {
  /** PostgreSQL; without it the process uses embedded PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  /** Redis for fan-out between processes; without it, one process on its own. */
  redisUrl?: string;
  redisPrefix?: string;
  rateLimits?: boolean;
  /** A fixed port (so a restarted process comes back where its clients expect it); default: any free one. */
  port?: number;
  /** Further environment (e.g. KRING_REQUEST_TIMEOUT_MS). */
  env?: Record<string, string>;
}

export async function startProcess(name: string, options: ProcessOptions): Promise<KringProcess> {
  const child = spawn(tsx, [main], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...(options.dataDir ? { KRING_DATA_DIR: options.dataDir } : {}),
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      ...(options.redisPrefix ? { KRING_REDIS_PREFIX: options.redisPrefix } : {}),
      KRING_SEED: 'false',
      KRING_RATE_LIMITS: options.rateLimits ? 'on' : 'off',
      KRING_LOG_LEVEL: 'warn',
      KRING_WEB_DIR: path.join(root, 'does-not-exist'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: tsx runs the server in a child process, and a crash (SIGKILL) must take
    // both down, like a machine or container dying.
    detached: true,
  });
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  // Never leave a server behind when the test worker itself goes away.
  const onExit = () => signalGroup('SIGKILL');
  process.once('exit', onExit);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      process.off('exit', onExit);
      resolve(code);
    }),
  );
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code ?? -1));

  // Generous: a start (tsx, migrations) can take most of a minute on a busy shared machine.
  const deadline = Date.now() + 120_000;
  let port = 0;
  while (Date.now() < deadline) {
    const match = /Kring is running at http:\/\/[^:]+:(\d+)/.exec(stdout);
    if (match?.[1]) {
      port = Number(match[1]);
      break;
    }
    if (exitCode !== undefined) break;
    await sleep(100);
  }
  if (!port) {
    signalGroup('SIGKILL');
    throw new Error(`process ${name} did not start:\n${stdout}\n${stderr}`);
  }
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async kill(signal = 'SIGKILL') {
      if (exitCode !== undefined) return;
      signalGroup(signal);
      await exited;
    },
  };
}

/** A TCP load balancer: each new connection goes to the next live backend (round robin, skipping dead ones). */
export interface LoadBalancer {
  url: string;
  setBackends(ports: number[]): void;
  close(): Promise<void>;
}

export async function startLoadBalancer(ports: number[]): Promise<LoadBalancer> {
  let backends = [...ports];
  let next = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.pause();
    const tryBackend = (attempt: number) => {
      if (attempt >= backends.length) {
        client.destroy();
        return;
      }
      const port = backends[next++ % backends.length] ?? 0;
      const upstream = net.connect({ port, host: '127.0.0.1' });
      open.add(upstream);
      let connected = false;
      upstream.on('error', () => {
        upstream.destroy();
        if (connected) client.destroy();
        else tryBackend(attempt + 1);
      });
      upstream.once('connect', () => {
        connected = true;
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.on('close', () => open.delete(upstream));
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    setBackends(next) {
      backends = [...next];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface Cluster {
  database: TestDatabase;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** An app on the same database (not listening, no Redis) for the test factories' direct inserts. */
  fixtures: ZodApp;
  processes: KringProcess[];
  close(): Promise<void>;
}

/** `count` processes started together (they race for the migration lock), plus a fixture app. */
export async function startCluster(
  options: { count?: number; rateLimits?: boolean; redisUrl?: string } = {},
): Promise<Cluster> {
  const database = await createTestDatabase();
  if (database.config.kind !== 'postgres') throw new Error('multi-process tests need TEST_DATABASE_URL');
  const databaseUrl = database.config.url;
  const redisUrl = options.redisUrl ?? process.env.TEST_REDIS_URL ?? '';
  const redisPrefix = `kring-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const names = ['A', 'B', 'C', 'D'].slice(0, options.count ?? 2);
  const processes: KringProcess[] = [];
  try {
    const started = await Promise.allSettled(
      names.map((name) =>
        startProcess(name, { databaseUrl, redisUrl, redisPrefix, rateLimits: options.rateLimits ?? false }),
      ),
    );
    for (const result of started) {
      if (result.status === 'fulfilled') processes.push(result.value);
    }
    for (const result of started) if (result.status === 'rejected') throw result.reason;
  } catch (error) {
    await Promise.all(processes.map((p) => p.kill()));
    await database.drop();
    throw error;
  }
  const fixtures = await buildApp(testConfig({ database: database.config, rateLimits: false }), { migrate: false });
  return {
    database,
    databaseUrl,
    redisUrl,
    redisPrefix,
    fixtures,
    processes,
    async close() {
      await Promise.all(processes.map((p) => p.kill('SIGTERM')));
      await fixtures.close();
      await database.drop();
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** HTTP against a process, as a browser on that origin would send it (JSON, session cookie). */
export async function api(
  baseUrl: string,
  method: string,
  url: string,
  options: { cookie?: string; body?: unknown } = {},
): Promise<{ status: number; json: () => unknown; text: string }> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as unknown };
}

/** A private redis-server on a free port (so a test can stop and restart it without disturbing others). */
export interface PrivateRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<unknown> = Promise.resolve();
  const onExit = () => child?.kill('SIGKILL');
  const ping = () =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host: '127.0.0.1' });
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
    });
  const handle: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      process.once('exit', onExit);
      exited = new Promise((resolve) => child?.once('exit', resolve));
      const deadline = Date.now() + 10_000;
      while (!(await ping())) {
        if (Date.now() > deadline) throw new Error('private redis-server did not start');
        await sleep(50);
      }
    },
    async stop() {
      child?.kill('SIGKILL');
      await exited;
      process.off('exit', onExit);
      child = null;
    },
  };
  await handle.start();
  return handle;
}
