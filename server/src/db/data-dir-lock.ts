/**
 * Embedded PGlite is single-process: two processes on one data folder would corrupt it. A lock file
 * with the owner's pid makes a second process fail with a clear message instead. A lock left by a
 * process that no longer runs (crash, kill -9) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'kring.lock');
  const owner = `${process.pid}@${hostname()}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, owner);
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(lockFile, 'utf8') === owner) rmSync(lockFile);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const [pidText, host] = readFileSync(lockFile, 'utf8').split('@');
      const pid = Number(pidText);
      const sameHost = host === hostname();
      if (Number.isInteger(pid) && (!sameHost || isRunning(pid))) {
        throw new DataDirLockedError(
          `another Kring process (pid ${pid}${sameHost ? '' : ` on ${host}`}) is using the data folder ${dataDir}; ` +
            'the embedded database serves one process — stop it, or set DATABASE_URL to run several processes on PostgreSQL',
        );
      }
      rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new DataDirLockedError(`could not lock the data folder ${dataDir}`);
}
