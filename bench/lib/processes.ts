/** Child processes of a bench run: the server under test, the B4 server and the load/fan-out workers. */
import { spawn, type ChildProcess } from 'node:child_process';
import { SPEC_FLAG } from './worker-spec';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const tsxLoader = ['--import', 'tsx'];

export interface Running {
  url: string;
  logs: string[];
  child: ChildProcess;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/** Starts Kring (`server/src/main.ts`) in bench mode on a free port; resolves when it listens. */
export function startKring(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--expose-gc', ...tsxLoader, 'server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      KRING_BENCH: '1',
      KRING_RATE_LIMITS: 'off',
      KRING_SEED: 'false',
      KRING_LOG_LEVEL: 'warn',
      KRING_WEB_DIR: path.join(repoRoot, 'bench/no-web-app'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${logs.join('')}`)), 120_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      logs.push(text);
      const match = /running at (http:\/\/[^\s]+)/.exec(text);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1].replace('localhost', '127.0.0.1'), logs, child, stop: stopper(child) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${logs.join('')}`));
    });
  });
}

export function startB4(): Promise<Running> {
  const child = spawn(process.execPath, ['--expose-gc', ...tsxLoader, 'bench/lib/b4-server.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => {
      const { port } = JSON.parse(chunk.toString('utf8')) as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, logs: [], child, stop: stopper(child) });
    });
    child.once('error', reject);
  });
}

/** Runs a worker script with its spec as JSON on stdin (see worker-spec.ts) and parses the JSON line it prints. */
export function runWorker<T>(script: string, spec: unknown): Promise<T> {
  const child = spawn(process.execPath, [...tsxLoader, script, SPEC_FLAG], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(JSON.stringify(spec));
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`${script} failed (${code}): ${err || out}`));
      resolve(JSON.parse(line) as T);
    });
  });
}
