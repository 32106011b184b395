/**
 * `npm run bench [-- --tier S|M] [--db both|postgres|pglite] [--quick] [--readers N]`
 *
 * Loads the dataset, starts Kring in bench mode as a separate process, drives it with autocannon (another
 * process) and the fan-out harness, and writes bench/results/<date>-<sha>.{json,md} plus latest.md.
 * Every target is a ratio to a baseline measured in the same run (bench/README.md); throughput
 * is measured after a warm-up run, latency targets at 70% of the measured maximum.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { RECALL_TERMS, COMMON_TERMS, type DatasetInfo, type Tier } from './lib/dataset';
import { preparePglite, preparePostgres, type Loaded } from './lib/load';
import type { FanoutResult, FanoutSpec } from './lib/fanout-worker';
import type { LoadResult, LoadSpec, LoadTarget } from './lib/load-worker';
import { repoRoot, runWorker, startB4, startKring } from './lib/processes';
import { renderMarkdown, type Row, type Report } from './lib/report';
import type { MultiprocessResult, MultiprocessSpec } from './s6-multiprocess';

interface Options {
  tier: Tier;
  db: 'both' | 'postgres' | 'pglite';
  quick: boolean;
  readers: number | null;
  /** Only these scenario groups (while developing): read, write, fanout, search, pglite. */
  only: Set<string> | null;
}

/** Scenario groups for `--only` ('load' alone: only load the dataset, e.g. to time tier M). */
const GROUPS = ['load', 'read', 'write', 'fanout', 'search', 'multiprocess', 'pglite'] as const;

function parseArgs(argv: string[]): Options {
  const options: Options = { tier: 'S', db: 'both', quick: false, readers: null, only: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => argv[++i] ?? '';
    if (arg === '--tier') {
      const t = next().toUpperCase();
      if (t !== 'S' && t !== 'M') throw new Error('--tier must be S or M');
      options.tier = t;
    } else if (arg === '--db') {
      const d = next();
      if (d !== 'both' && d !== 'postgres' && d !== 'pglite') throw new Error('--db must be both, postgres or pglite');
      options.db = d;
    } else if (arg === '--quick') options.quick = true;
    else if (arg === '--readers') options.readers = Number(next());
    else if (arg === '--only') {
      const groups = next().split(',');
      const unknown = groups.filter((g) => !(GROUPS as readonly string[]).includes(g));
      if (unknown.length > 0) throw new Error(`--only takes a comma-separated list of ${GROUPS.join(', ')}`);
      options.only = new Set(groups);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const wanted = (group: (typeof GROUPS)[number]) => options.only === null || options.only.has(group);
const WARMUP = options.quick ? 1 : 2;
const DURATION = options.quick ? 2 : 6;
const CONNECTIONS = 16;
const WRITERS = 50;
const log = (line: string) => console.log(line);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};

async function load(spec: Omit<LoadSpec, 'duration'> & { duration?: number }): Promise<LoadResult> {
  return runWorker<LoadResult>('bench/lib/load-worker.ts', { duration: DURATION, ...spec });
}

/** Maximum throughput after a warm-up run with the same targets. */
async function maxThroughput(url: string, targets: LoadTarget[], extra: Partial<LoadSpec> = {}): Promise<LoadResult> {
  await load({ url, connections: CONNECTIONS, targets, ...extra, duration: WARMUP });
  return load({ url, connections: CONNECTIONS, targets, ...extra });
}

/** Latency at 70% of the measured maximum (fixed rate, latencies corrected for coordinated omission). */
async function at70(url: string, targets: LoadTarget[], max: LoadResult): Promise<LoadResult> {
  return load({ url, connections: CONNECTIONS, targets, overallRate: Math.max(1, max.rps * 0.7) });
}

/** Sequential latency of GETs (one request at a time), alternating paths so noise hits both alike. */
async function sequential(url: string, paths: string[], rounds: number): Promise<number[][]> {
  const samples = paths.map(() => [] as number[]);
  for (let round = -10; round < rounds; round++) {
    for (let p = 0; p < paths.length; p++) {
      const started = performance.now();
      const res = await fetch(`${url}${paths[p]}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET ${paths[p]} answered ${res.status}`);
      if (round >= 0) samples[p]?.push(performance.now() - started);
    }
  }
  return samples;
}

const cookieOf = (token: string) => `kring_session=${token}`;
const threadPage = (id: string) => `/api/threads/${id}/posts?limit=20`;

interface Raw {
  [name: string]: unknown;
}

async function spaceListTargets(url: string, info: DatasetInfo): Promise<LoadTarget[]> {
  const targets: LoadTarget[] = [];
  for (const space of info.spaces.slice(0, 10)) {
    let cursor: string | null = null;
    for (let page = 0; page < 3; page++) {
      const p: string = `/api/spaces/${space.slug}/threads?limit=30${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      targets.push({ method: 'GET', path: p });
      const res: Response = await fetch(`${url}${p}`);
      if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}`);
      cursor = ((await res.json()) as { nextCursor: string | null }).nextCursor;
      if (!cursor) break;
    }
  }
  return targets;
}

async function searchScenario(url: string): Promise<Raw> {
  const probe = await fetch(`${url}/api/search?q=huisarts`);
  if (probe.status === 404) return { available: false };
  await probe.arrayBuffer();
  const rounds = options.quick ? 10 : 40;
  const result: Raw = { available: true };
  const byKind: Record<string, number[]> = { rare: [], medium: [], common: [] };
  const recall: Record<string, { found: number; expected: number }> = {};
  const terms = [
    ...RECALL_TERMS.filter((t) => t.posts > 0).map((t) => ({ term: t.term, kind: t.kind })),
    ...COMMON_TERMS.map((term) => ({ term, kind: 'common' as const })),
  ];
  for (const { term, kind } of terms) {
    const times = (await sequential(url, [`/api/search?q=${encodeURIComponent(term)}`], rounds))[0] ?? [];
    byKind[kind]?.push(...times);
  }
  // Recall: every planted post must be found (the compound `nierdialyse` by `dialyse`); page to the end.
  for (const t of RECALL_TERMS.filter((r) => r.posts > 0)) {
    const hits = new Set<string>();
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const path: string = `/api/search?q=${encodeURIComponent(t.term)}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res: Response = await fetch(`${url}${path}`);
      if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
      const body = (await res.json()) as { items: { post: { id: string } }[]; nextCursor: string | null };
      for (const item of body.items) hits.add(item.post.id);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    recall[t.term] = { found: hits.size, expected: t.posts };
  }
  result.p99 = Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, percentile(v, 99)]));
  result.recall = recall;
  return result;
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return ((await client.query('show server_version')).rows[0] as { server_version: string }).server_version;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const started = new Date();
  // The code under test is what is checked out when the run starts.
  const sha = git('git rev-parse --short HEAD') || 'unknown';
  const dirty = git('git status --porcelain --untracked-files=no') ? '-dirty' : '';
  const raw: Record<string, unknown> = {};
  const notes: string[] = [];
  const pgUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kring_bench';
  const readers = options.readers ?? (options.quick ? 200 : 1000);
  const loadBefore = os.loadavg();
  let pgLoaded: Loaded | null = null;
  let s1Postgres: number | null = null;

  if (options.db !== 'pglite') {
    log(`PostgreSQL: loading dataset ${options.tier} into ${new URL(pgUrl).pathname.slice(1)} …`);
    pgLoaded = await preparePostgres(pgUrl, options.tier, log);
    log(`  loaded in ${pgLoaded.loadSeconds.toFixed(1)} s: ${JSON.stringify(pgLoaded.rows)}`);
    raw.dataset = { loadSecondsPostgres: pgLoaded.loadSeconds, rows: pgLoaded.rows };
    const info = pgLoaded.info;
    const server = await startKring({ DATABASE_URL: pgUrl });
    try {
      const url = server.url;
      if (wanted('read') || wanted('pglite')) {
        const b1 = await maxThroughput(url, [{ method: 'GET', path: '/bench/b1' }]);
        log(`B1 ${b1.rps.toFixed(0)} req/s`);
        const b2 = await maxThroughput(
          url,
          info.postSample.map((id) => ({ method: 'GET' as const, path: `/bench/b2/${id}` })),
        );
        log(`B2 ${b2.rps.toFixed(0)} req/s`);
        const s1Targets = info.threadSample.map((t) => ({ method: 'GET' as const, path: threadPage(t.id) }));
        const s1 = await maxThroughput(url, s1Targets);
        s1Postgres = s1.rps;
        Object.assign(raw, { b1, b2, s1 });
        if (wanted('read')) {
          const s1at70 = await at70(url, s1Targets, s1);
          log(`S1 ${s1.rps.toFixed(0)} req/s, p99 at 70% ${s1at70.p99} ms`);
          const s3Targets = await spaceListTargets(url, info);
          const s3 = await maxThroughput(url, s3Targets);
          const s3at70 = await at70(url, s3Targets, s3);
          log(`S3 ${s3.rps.toFixed(0)} req/s, p99 at 70% ${s3at70.p99} ms`);
          const [first, deep] = await sequential(
            url,
            [
              `/api/threads/${info.hotThreadId}/posts?limit=20`,
              `/api/threads/${info.hotThreadId}/posts?around=49980&limit=20`,
            ],
            options.quick ? 50 : 200,
          );
          const s4 = { firstP50: median(first ?? []), deepP50: median(deep ?? []) };
          log(`S4 first ${s4.firstP50.toFixed(2)} ms, deep ${s4.deepP50.toFixed(2)} ms`);
          Object.assign(raw, { s1at70, s3, s3at70, s4 });
        } else log(`S1 ${s1.rps.toFixed(0)} req/s`);
      }

      const writer = (i: number) => info.writers[i % info.writers.length]?.token ?? '';
      if (wanted('write')) {
        const b5 = await maxThroughput(url, [{ method: 'POST', path: '/bench/b5', body: 'b5' }], {
          connections: WRITERS,
        });
        log(`B5 ${b5.rps.toFixed(0)} req/s`);
        const spread: LoadTarget[] = Array.from({ length: WRITERS }, (_, i) => ({
          method: 'POST',
          path: `/api/threads/${info.writerThreads[i % info.writerThreads.length]}/posts`,
          headers: { cookie: cookieOf(writer(i)) },
          body: 'reply',
        }));
        const hot: LoadTarget[] = spread.map((t) => ({ ...t, path: `/api/threads/${info.writerThreads[0]}/posts` }));
        const s5spread = await maxThroughput(url, spread, { connections: WRITERS, perConnection: true });
        const s5hot = await maxThroughput(url, hot, { connections: WRITERS, perConnection: true });
        const deadlocks = server.logs.join('').match(/deadlock/gi)?.length ?? 0;
        log(
          `S5 50 threads ${s5spread.rps.toFixed(0)} req/s, one thread ${s5hot.rps.toFixed(0)} req/s, deadlocks ${deadlocks}`,
        );
        Object.assign(raw, { b5, s5spread, s5hot, deadlocks });
      }

      if (wanted('fanout')) {
        // S6 and B4: the same harness against Kring and a plain Socket.IO server.
        const fanThread = info.writerThreads[WRITERS] ?? info.writerThreads[1] ?? '';
        const fanSpec: FanoutSpec = {
          mode: 'kring',
          url,
          threadId: fanThread,
          publishPath: `/api/threads/${fanThread}/posts`,
          headers: { cookie: cookieOf(writer(WRITERS)) },
          readers,
          rate: 5,
          seconds: options.quick ? 4 : 10,
          saturationSeconds: options.quick ? 3 : 6,
          writers: 8,
        };
        let s6: FanoutResult | null = null;
        let b4: FanoutResult | null = null;
        try {
          s6 = await runWorker<FanoutResult>('bench/lib/fanout-worker.ts', fanSpec);
          log(
            `S6 p50 ${s6.p50.toFixed(1)} ms, p99 ${s6.p99.toFixed(1)} ms, ${s6.deliveredPerSecond.toFixed(0)} msgs/s`,
          );
        } catch (error) {
          notes.push(`S6 failed: ${firstLine(error)}`);
          log(`S6 failed: ${firstLine(error)}`);
        }
        const b4server = await startB4();
        try {
          b4 = await runWorker<FanoutResult>('bench/lib/fanout-worker.ts', {
            ...fanSpec,
            mode: 'b4',
            url: b4server.url,
            publishPath: '/publish',
            headers: {},
            payloadBytes: s6?.payloadBytes ?? 700,
          } satisfies FanoutSpec);
          log(`B4 p50 ${b4.p50.toFixed(1)} ms, ${b4.deliveredPerSecond.toFixed(0)} msgs/s`);
        } catch (error) {
          notes.push(`B4 failed: ${firstLine(error)}`);
        } finally {
          await b4server.stop();
        }
        Object.assign(raw, { s6, b4 });
      }

      if (wanted('search')) {
        const s7 = await searchScenario(url);
        log(`S7 ${s7.available ? JSON.stringify(s7.p99) : 'not available'}`);
        raw.s7 = s7;
      }
    } finally {
      await server.stop();
    }
  }

  if (options.db !== 'pglite' && wanted('multiprocess')) {
    // S6 across processes (issue 9): 1 process versus 2 behind a balancer with the Redis adapter.
    const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
    if (await reachable(redisUrl)) {
      try {
        const mp = await runWorker<MultiprocessResult>('bench/s6-multiprocess.ts', {
          readers,
          seconds: options.quick ? 4 : 10,
          databaseUrl: pgUrl,
          redisUrl,
        } satisfies MultiprocessSpec);
        log(`S6 multi-process: 2 processes / 1 = ${(mp.ratio * 100).toFixed(1)}% of delivered msgs/s`);
        raw.multiprocess = mp;
      } catch (error) {
        notes.push(`S6 multi-process failed: ${firstLine(error)}`);
        log(`S6 multi-process failed: ${firstLine(error)}`);
      }
    } else notes.push(`S6 multi-process not measured: no Redis at ${redisUrl} (set BENCH_REDIS_URL)`);
  }

  if (options.db !== 'postgres' && (wanted('pglite') || wanted('load'))) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kring-bench-'));
    try {
      log(`PGlite: loading dataset ${options.tier} into ${dir} …`);
      const loaded = await preparePglite(dir, options.tier, log);
      log(`  loaded in ${loaded.loadSeconds.toFixed(1)} s`);
      raw.s10 = { loadSeconds: loaded.loadSeconds };
      if (wanted('pglite')) {
        const server = await startKring({ KRING_DATA_DIR: dir });
        try {
          const targets = loaded.info.threadSample.map((t) => ({ method: 'GET' as const, path: threadPage(t.id) }));
          const s10 = await maxThroughput(server.url, targets);
          log(`S10 ${s10.rps.toFixed(0)} req/s`);
          raw.s10 = { ...s10, loadSeconds: loaded.loadSeconds };
        } finally {
          await server.stop();
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const rows = buildRows(raw, s1Postgres);
  const report: Report = {
    date: started.toISOString(),
    sha: `${sha}${dirty}`,
    tier: options.tier,
    loadSeconds: {
      ...(pgLoaded ? { postgres: pgLoaded.loadSeconds } : {}),
      ...(num(raw.s10, 'loadSeconds') !== null ? { pglite: num(raw.s10, 'loadSeconds') ?? 0 } : {}),
    },
    quick: options.quick,
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      loadBefore,
      loadAfter: os.loadavg(),
    },
    versions: {
      node: process.version,
      postgres: options.db !== 'pglite' ? await postgresVersion(pgUrl).catch(() => 'unknown') : 'not run',
      pglite: (
        JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as {
          version: string;
        }
      ).version,
    },
    settings: { warmupSeconds: WARMUP, durationSeconds: DURATION, connections: CONNECTIONS, writers: WRITERS, readers },
    rows,
    raw,
    notes,
  };
  const dir = path.join(repoRoot, 'bench/results');
  mkdirSync(dir, { recursive: true });
  // A partial run (`--only`) or another tier is named after what it ran and leaves latest.md alone.
  const partial = [
    ...(options.tier !== 'S' ? [`tier${options.tier}`] : []),
    ...(options.only ? [...options.only] : []),
    ...(options.db !== 'both' ? [options.db] : []),
  ];
  const base = [started.toISOString().slice(0, 10), report.sha, ...partial].join('-');
  writeFileSync(path.join(dir, `${base}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(dir, `${base}.md`), renderMarkdown(report));
  if (partial.length === 0) copyFileSync(path.join(dir, `${base}.md`), path.join(dir, 'latest.md'));
  log(`\n${renderMarkdown(report)}`);
  log(`Written: bench/results/${base}.json, .md${partial.length === 0 ? ' and latest.md' : ''}`);
}

/** Whether something listens at the URL's host and port (e.g. Redis), within a second. */
function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) || 6379 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 2).join(' ');
}

function git(command: string): string {
  try {
    return execSync(command, { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function num(value: unknown, key: string): number | null {
  const v = (value as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** One row per performance target (bench/README.md). `null` measurements are reported as not measured / not available. */
function buildRows(raw: Record<string, unknown>, s1Postgres: number | null): Row[] {
  const rows: Row[] = [];
  const ratioRow = (
    id: string,
    scenario: string,
    measured: number | null,
    baseline: number | null,
    baselineName: string,
    min: number,
    unit: string,
  ) => {
    const ratio = measured !== null && baseline ? measured / baseline : null;
    rows.push({
      id,
      scenario,
      measured: measured === null ? null : `${measured.toFixed(0)} ${unit}`,
      baseline: baseline === null ? null : `${baselineName} ${baseline.toFixed(0)} ${unit}`,
      ratio,
      target: `≥ ${min.toFixed(2)} × ${baselineName}`,
      pass: ratio === null ? null : ratio >= min,
    });
  };
  const limitRow = (id: string, scenario: string, value: number | null, max: number, unit = 'ms') => {
    rows.push({
      id,
      scenario,
      measured: value === null ? null : `${value.toFixed(1)} ${unit}`,
      baseline: null,
      ratio: null,
      target: `≤ ${max} ${unit}`,
      pass: value === null ? null : value <= max,
    });
  };
  const b2 = num(raw.b2, 'rps');
  ratioRow('S1', 'thread page (20 posts), anonymous', num(raw.s1, 'rps'), b2, 'B2', 0.5, 'req/s');
  limitRow('S1', 'thread page p99 at 70% of max', num(raw.s1at70, 'p99'), 20);
  ratioRow('S3', 'space thread list (keyset)', num(raw.s3, 'rps'), b2, 'B2', 0.5, 'req/s');
  limitRow('S3', 'space thread list p99 at 70% of max', num(raw.s3at70, 'p99'), 20);
  const s4 = raw.s4;
  const first = num(s4, 'firstP50');
  const deep = num(s4, 'deepP50');
  rows.push({
    id: 'S4',
    scenario: 'deep page (post 49,980 of 50,000) p50',
    measured: deep === null ? null : `${deep.toFixed(2)} ms`,
    baseline: first === null ? null : `first page ${first.toFixed(2)} ms`,
    ratio: deep !== null && first ? deep / first : null,
    target: '≤ 1.30 × first page',
    pass: deep !== null && first ? deep / first <= 1.3 : null,
  });
  ratioRow(
    'S5',
    'post a reply, 50 writers on 50 threads',
    num(raw.s5spread, 'rps'),
    num(raw.b5, 'rps'),
    'B5',
    0.3,
    'req/s',
  );
  ratioRow(
    'S5',
    'post a reply, 50 writers on one thread',
    num(raw.s5hot, 'rps'),
    num(raw.s5spread, 'rps'),
    'S5 (50 threads)',
    0.6,
    'req/s',
  );
  const errors = (num(raw.s5spread, 'non2xx') ?? 0) + (num(raw.s5hot, 'non2xx') ?? 0);
  const deadlocks = typeof raw.deadlocks === 'number' ? raw.deadlocks : null;
  rows.push({
    id: 'S5',
    scenario: 'deadlocks (and non-2xx answers) while posting',
    measured: deadlocks === null ? null : `${deadlocks} deadlocks, ${errors} non-2xx`,
    baseline: null,
    ratio: null,
    target: '0 deadlocks',
    pass: deadlocks === null ? null : deadlocks === 0,
  });
  limitRow('S6', 'live fan-out, POST to last reader, p50', num(raw.s6, 'p50'), 20);
  limitRow('S6', 'live fan-out, POST to last reader, p99', num(raw.s6, 'p99'), 60);
  ratioRow(
    'S6',
    'delivered messages/s at saturation',
    num(raw.s6, 'deliveredPerSecond'),
    num(raw.b4, 'deliveredPerSecond'),
    'B4',
    0.7,
    'msg/s',
  );
  const s7 = raw.s7 as { available?: boolean; p99?: Record<string, number> } | undefined;
  const s7p99 = s7?.available ? (s7.p99 ?? {}) : null;
  const rareMedium = s7p99 ? Math.max(s7p99.rare ?? NaN, s7p99.medium ?? NaN) : null;
  limitRow(
    'S7',
    s7p99 ? 'search, rare/medium terms p99' : 'search, rare/medium terms p99 — not available',
    rareMedium,
    100,
  );
  limitRow(
    'S7',
    s7p99 ? 'search, common terms p99' : 'search, common terms p99 — not available',
    s7p99 ? (s7p99.common ?? null) : null,
    250,
  );
  const mp = raw.multiprocess as MultiprocessResult | undefined;
  if (mp) {
    const [one, two] = mp.results;
    rows.push({
      id: 'S6',
      scenario: `fan-out across 2 processes (Redis adapter), delivered msg/s; ${mp.readers} readers (issue 9)`,
      measured: two ? `${two.saturation.deliveredPerSecond} msg/s` : null,
      baseline: one ? `1 process ${one.saturation.deliveredPerSecond} msg/s` : null,
      ratio: mp.ratio,
      target: '≥ 0.60 × 1 process',
      pass: mp.pass,
    });
  }
  const recall = (raw.s7 as { recall?: Record<string, { found: number; expected: number }> } | undefined)?.recall;
  if (recall && Object.keys(recall).length > 0) {
    const found = Object.values(recall).reduce((sum, r) => sum + Math.min(r.found, r.expected), 0);
    const expected = Object.values(recall).reduce((sum, r) => sum + r.expected, 0);
    rows.push({
      id: 'S7',
      scenario: `search recall of planted posts (${Object.keys(recall).join(', ')}; "dialyse" must find "nierdialyse")`,
      measured: `${found} of ${expected}`,
      baseline: null,
      ratio: expected ? found / expected : null,
      target: 'every planted post',
      pass: expected ? found === expected : null,
    });
  }
  ratioRow('S10', 'PGlite: S1 thread page', num(raw.s10, 'rps'), s1Postgres, 'S1 on PostgreSQL', 0.3, 'req/s');
  const heapS6 = num(raw.s6, 'heapPerConnection');
  const heapB4 = num(raw.b4, 'heapPerConnection');
  rows.push({
    id: 'mem',
    scenario: 'server heap per idle Socket.IO connection',
    measured: heapS6 === null ? null : `${(heapS6 / 1024).toFixed(1)} KiB`,
    baseline: heapB4 === null ? null : `B4 ${(heapB4 / 1024).toFixed(1)} KiB`,
    ratio: heapS6 !== null && heapB4 ? heapS6 / heapB4 : null,
    target: '≤ 1.20 × B4',
    pass: heapS6 !== null && heapB4 ? heapS6 / heapB4 <= 1.2 : null,
  });
  return rows;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
