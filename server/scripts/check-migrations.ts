/**
 * Fails when the schema and the committed migrations have drifted apart: copies /migrations to a
 * scratch folder, runs `drizzle-kit generate` there, and fails if that produced anything new.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const serverDir = path.resolve(import.meta.dirname, '..');
const migrations = path.resolve(serverDir, '../migrations');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'kring-migrations-'));

const list = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

try {
  cpSync(migrations, scratch, { recursive: true });
  const before = list(scratch);
  execFileSync(
    path.resolve(serverDir, '../node_modules/.bin/drizzle-kit'),
    ['generate', '--config', 'drizzle.config.ts'],
    {
      cwd: serverDir,
      env: { ...process.env, KRING_MIGRATIONS_OUT: scratch },
      stdio: 'pipe',
    },
  );
  const added = list(scratch).filter((file) => !before.includes(file));
  if (added.length > 0) {
    console.error(
      `Schema and migrations have drifted: drizzle-kit would generate ${added.join(', ')}.\n` +
        'Run `npm run db:generate`, review the SQL, and commit it.',
    );
    process.exitCode = 1;
  } else {
    console.log('Migrations match the schema.');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
