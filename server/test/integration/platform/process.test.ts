/** The real process: config errors, start, health, graceful shutdown. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const main = path.join(root, 'server/src/main.ts');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'kring-process-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(env: Record<string, string>) {
  const child = spawn(tsx, [main], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', KRING_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('process', () => {
  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://nope' }, 'DATABASE_URL'],
  ])('exits 1 with one clear line for bad config %o', async (env, name) => {
    const proc = run(env);
    expect(await proc.exited).toBe(1);
    const { stderr } = proc.output();
    const lines = stderr
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('npm warn'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 1 with a clear line when PostgreSQL is unreachable', async () => {
    const proc = run({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(await proc.exited).toBe(1);
    expect(proc.output().stderr).toContain('cannot reach the PostgreSQL server');
  });

  it('starts, serves health, and shuts down gracefully on SIGTERM', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const proc = run({ PORT: String(port), KRING_DATA_DIR: path.join(scratch, 'data'), KRING_SEED: 'true' });
    const deadline = Date.now() + 60_000;
    let health: Response | null = null;
    // Ready when the process has announced itself (it prints after listening) and health answers.
    while (Date.now() < deadline) {
      health = proc.output().stdout.includes('Kring is running')
        ? await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null)
        : null;
      if (health?.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(health?.status).toBe(200);
    expect(proc.output().stdout).toContain('demo-beheerder');

    // A second process on the same embedded data folder must refuse to start, not corrupt it.
    const second = run({ PORT: String(port + 1), KRING_DATA_DIR: path.join(scratch, 'data') });
    expect(await second.exited).toBe(1);
    expect(second.output().stderr).toContain('another Kring process');

    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);

    // In production, a database whose demo accounts still have their published passwords is refused.
    const production = run({
      NODE_ENV: 'production',
      PORT: String(port + 2),
      KRING_DATA_DIR: path.join(scratch, 'data'),
    });
    expect(await production.exited).toBe(1);
    const lines = production.output().stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('demo-beheerder');
    expect(lines[0]).toContain('npm run kring -- demo lock');
  }, 120_000);

  it('refuses the demo seed in production with one clear line', async () => {
    const proc = run({ NODE_ENV: 'production', KRING_SEED: 'true', KRING_DATA_DIR: path.join(scratch, 'prod') });
    expect(await proc.exited).toBe(1);
    const lines = proc.output().stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('KRING_SEED');
    expect(lines[0]).toContain('production');
  });
});
