/**
 * A private PostgreSQL cluster for fault tests: `initdb` in a temporary folder (as the `postgres` OS user
 * when the tests run as root, which PostgreSQL refuses to run as), its own port and socket folder, started
 * and stopped with `pg_ctl` — so a test can take the database away without disturbing any other test.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../multiprocess/harness';

const binDir = process.env.KRING_PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const initdb = path.join(binDir, 'initdb');
const pgCtl = path.join(binDir, 'pg_ctl');
const runuser = '/usr/sbin/runuser';
const asRoot = process.getuid?.() === 0;

/** PostgreSQL's own tools, run as the `postgres` user when we are root. */
function pgTool(tool: string, args: string[]) {
  const [command, argv] = asRoot ? [runuser, ['-u', 'postgres', '--', tool, ...args]] : [tool, args];
  return spawnSync(command, argv, { encoding: 'utf8', timeout: 60_000 });
}

function postgresUser(): { uid: number; gid: number } | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : null;
}

/** The binaries exist and we can run them (directly, or as `postgres` when root). */
export const privatePostgresAvailable = (() => {
  if (!existsSync(initdb) || !existsSync(pgCtl)) return false;
  if (asRoot && (!existsSync(runuser) || !postgresUser())) return false;
  return pgTool(initdb, ['--version']).status === 0;
})();

export interface PrivatePostgres {
  /** Connection URL of the cluster's `postgres` database. */
  adminUrl: string;
  port: number;
  start(): void;
  /** `pg_ctl stop -m fast`: connections are terminated, the port closes. */
  stop(): void;
  /**
   * SIGSTOP to the postmaster and every backend: the port stays open and connections stay up, but nothing
   * answers — a hung database or a network black hole. `thaw()` sends SIGCONT.
   */
  freeze(): void;
  thaw(): void;
  /** Stops it (if running) and removes every file. */
  remove(): void;
}

/** The postmaster's pid and those of all its children (backends, background workers). */
function clusterPids(dataDir: string): number[] {
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // /proc/<pid>/stat: "pid (comm) state ppid ..." — comm may contain spaces, so split after ")".
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

export async function privatePostgres(): Promise<PrivatePostgres> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'kring-private-pg-'));
  const owner = asRoot ? postgresUser() : null;
  if (owner) chownSync(root, owner.uid, owner.gid);
  const dataDir = path.join(root, 'data');
  const port = await freePort();
  const init = pgTool(initdb, ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  let running = false;
  let frozen: number[] = [];
  const ctl = (args: string[]) => {
    const result = pgTool(pgCtl, ['-D', dataDir, '-w', '-t', '30', ...args]);
    if (result.status !== 0) throw new Error(`pg_ctl ${args.join(' ')} failed: ${result.stderr}${result.stdout}`);
  };
  const handle: PrivatePostgres = {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start() {
      ctl([
        '-l',
        path.join(root, 'postgres.log'),
        '-o',
        `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`,
        'start',
      ]);
      running = true;
    },
    stop() {
      ctl(['-m', 'fast', 'stop']);
      running = false;
    },
    freeze() {
      frozen = clusterPids(dataDir);
      for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    },
    thaw() {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
      frozen = [];
    },
    remove() {
      if (frozen.length) handle.thaw();
      if (running) handle.stop();
      process.off('exit', cleanUp);
      rmSync(root, { recursive: true, force: true });
    },
  };
  // Never leave a cluster running when the test worker goes away.
  const cleanUp = () => {
    for (const pid of frozen) process.kill(pid, 'SIGCONT');
    if (running) pgTool(pgCtl, ['-D', dataDir, '-m', 'immediate', 'stop']);
  };
  process.once('exit', cleanUp);
  return handle;
}
