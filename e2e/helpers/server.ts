/**
 * Starts the real Kring server as a child process, the way production runs it: a fresh PGlite
 * data folder, seed data, throttling off, the built web app from web/build.
 *
 * Set KRING_E2E_URL to run the tests against a server that is already running instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

// Generous: tsx, migrations and seeding can take minutes on a busy shared 2-core machine.
const startTimeoutMs = 150_000;
const stopTimeoutMs = 15_000;

export interface RunningServer {
  /** e.g. `http://127.0.0.1:41234`, without a trailing slash */
  baseUrl: string;
  /** The server's stdout and stderr so far; shown when something fails. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function isHealthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const external = process.env.KRING_E2E_URL;
  if (external) {
    const baseUrl = external.replace(/\/+$/, '');
    if (!(await isHealthy(baseUrl))) throw new Error(`KRING_E2E_URL ${baseUrl} is not healthy`);
    return { baseUrl, output: () => '', stop: async () => {} };
  }

  const port = await freePort();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kring-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';

  const child = spawn(path.join(repoRoot, 'node_modules/.bin/tsx'), ['server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KRING_DATA_DIR: dataDir,
      KRING_SEED: 'true',
      KRING_RATE_LIMITS: 'off',
      KRING_WEB_DIR: path.join(repoRoot, 'web/build'),
      KRING_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));

  async function stop(): Promise<void> {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, stopTimeoutMs))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  }

  const deadline = Date.now() + startTimeoutMs;
  while (!(await isHealthy(baseUrl))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`The server exited before it was healthy:\n${log}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server was not healthy within ${startTimeoutMs / 1000} s:\n${log}`);
    }
    await delay(250);
  }

  return { baseUrl, output: () => log, stop };
}
