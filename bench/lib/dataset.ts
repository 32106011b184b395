/**
 * The deterministic benchmark dataset: the same seed gives the same rows, ids and tokens on every machine.
 *
 * Tier S: 5 spaces, 2,000 threads, 100,000 posts. Tier M: 50 spaces, 20,000 threads, 1,000,000 posts.
 * Each tier has one 50,000-post "hot" thread; the other threads get Zipf-distributed replies (a few long
 * conversations, many short ones). Text is Dutch-like with compound words and some markdown; the HTML is
 * produced by a tiny renderer here (the real markdown pipeline would make loading 1M posts take minutes).
 * About one post in ten has reactions, and the counters on posts, threads and spaces match the rows.
 * A few marker words are planted in a known number of posts: the recall set for the search scenario (S7).
 */
import { createHash } from 'node:crypto';

export type Tier = 'S' | 'M';

export interface TierSpec {
  spaces: number;
  threads: number;
  posts: number;
  hotPosts: number;
  users: number;
}

export const TIERS: Record<Tier, TierSpec> = {
  S: { spaces: 5, threads: 2_000, posts: 100_000, hotPosts: 50_000, users: 2_000 },
  M: { spaces: 50, threads: 20_000, posts: 1_000_000, hotPosts: 50_000, users: 20_000 },
};

/** Members that write in S5/S6: each has a session whose token the bench knows. */
export const WRITERS = 60;
export const DATASET_VERSION = 1;

/** mulberry32: small, fast, good enough for test data, and identical everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
export function sessionTokenFor(index: number): string {
  const rand = prng(0x5e55 + index);
  return Array.from({ length: 32 }, () => BASE32[Math.floor(rand() * 32)]).join('');
}
export function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const WORDS = (
  'ik je we het de een en maar ook nog wel niet heel erg vaak soms altijd nooit vandaag gisteren morgen ' +
  'moe blij bang verdrietig boos dankbaar opgelucht onzeker hoopvol eenzaam sterk zwak rustig onrustig ' +
  'arts huisarts longarts neuroloog verpleegkundige fysiotherapeut psycholoog apotheker specialist ' +
  'behandeling onderzoek uitslag afspraak controle medicatie bijwerking pijn slaap energie dag nacht week ' +
  'ziekenhuisopname ziekenhuisbezoek wachtkamergesprek bijwerkingenformulier vermoeidheidsklachten ' +
  'pijnbestrijdingsplan revalidatiecentrum lotgenotencontact zorgverzekeraar mantelzorgondersteuning ' +
  'slaapproblemen concentratieproblemen werkhervatting re-integratietraject thuiszorgorganisatie ' +
  'chemokuur bestralingsschema bloedonderzoek longfunctietest hartrevalidatie dieetadvies ' +
  'familie partner kinderen vrienden collega buren gezin werk school thuis buiten fietsen wandelen ' +
  'praten luisteren delen vragen proberen wachten hopen voelen denken weten merken helpen steunen ' +
  'herken dat goed zo fijn lastig moeilijk zwaar ingewikkeld duidelijk eerlijk'
).split(' ');

/** Planted search terms (S7): [term, how many posts carry it]. "dialyse" must also find "nierdialyse". */
export const RECALL_TERMS: ReadonlyArray<{ term: string; planted: string; posts: number; kind: 'rare' | 'medium' }> = [
  { term: 'kwispelstaart', planted: 'kwispelstaart', posts: 12, kind: 'rare' },
  { term: 'dialyse', planted: 'nierdialyse', posts: 40, kind: 'rare' },
  { term: 'hydrotherapie', planted: 'hydrotherapiebad', posts: 300, kind: 'medium' },
  { term: 'mantelzorg', planted: 'mantelzorgondersteuning', posts: 0, kind: 'medium' },
];
export const COMMON_TERMS = ['moe', 'huisarts', 'pijn'];

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function sentence(rand: () => number): string {
  const n = 5 + Math.floor(rand() * 12);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(rand() * WORDS.length)] ?? 'ik');
  const s = words.join(' ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

/** Markdown source and the HTML our pipeline would make of it (paragraphs, bold, lists, quotes). */
export function postText(rand: () => number, extraWord?: string): { source: string; html: string } {
  const blocks: { md: string; html: string }[] = [];
  const paragraphs = 1 + Math.floor(rand() * 3);
  for (let p = 0; p < paragraphs; p++) {
    const sentences = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => sentence(rand));
    if (p === 0 && extraWord) sentences.push(`Over ${extraWord} wil ik meer weten.`);
    let md = sentences.join(' ');
    let html = escapeHtml(md);
    const roll = rand();
    if (roll < 0.15) {
      const word = WORDS[Math.floor(rand() * WORDS.length)] ?? 'fijn';
      md = `${md} **${word}**`;
      html = `${html} <strong>${escapeHtml(word)}</strong>`;
      blocks.push({ md, html: `<p>${html}</p>` });
    } else if (roll < 0.22) {
      blocks.push({ md: `> ${md}`, html: `<blockquote>\n<p>${html}</p>\n</blockquote>` });
    } else if (roll < 0.28) {
      const items = sentences.map((s) => escapeHtml(s));
      blocks.push({
        md: sentences.map((s) => `- ${s}`).join('\n'),
        html: `<ul>\n${items.map((i) => `<li>${i}</li>`).join('\n')}\n</ul>`,
      });
    } else {
      blocks.push({ md, html: `<p>${html}</p>` });
    }
  }
  return { source: blocks.map((b) => b.md).join('\n\n'), html: blocks.map((b) => b.html).join('\n') };
}

/** Reply counts for `threads` threads adding up to `total`, Zipf(s=1.1) by rank, ranks shuffled. */
export function zipfCounts(rand: () => number, threads: number, total: number): number[] {
  const weights = Array.from({ length: threads }, (_, r) => 1 / Math.pow(r + 1, 1.1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / sum) * total));
  let left = total - counts.reduce((a, b) => a + b, 0);
  for (let i = counts.length - 1; left > 0; i = (i - 1 + counts.length) % counts.length, left--)
    counts[i] = (counts[i] ?? 0) + 1;
  for (let i = counts.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [counts[i], counts[j]] = [counts[j] ?? 0, counts[i] ?? 0];
  }
  return counts;
}

export interface Columns {
  [name: string]: string; // column name → postgres type for unnest
}

/** A batch sink: the loader turns each call into one multi-row insert. */
export type Sink = (table: string, columns: Columns, rows: unknown[][]) => Promise<void>;

export interface DatasetInfo {
  tier: Tier;
  spaces: { id: string; slug: string }[];
  hotThreadId: string;
  /** A sample of ordinary thread ids (for S1), with their post counts. */
  threadSample: { id: string; posts: number }[];
  /** Post ids for B2 (raw primary-key reads). */
  postSample: string[];
  writers: { id: string; token: string }[];
  /** Threads that writers reply to in S5 (one per writer). */
  writerThreads: string[];
  recall: { term: string; kind: string; posts: number }[];
}

const BATCH = 2_000;

class Buffered {
  rows: unknown[][] = [];
  constructor(
    private sink: Sink,
    private table: string,
    private columns: Columns,
    /** Tables this one references: flushed first (foreign keys are checked per statement). */
    private parents: Buffered[] = [],
  ) {}
  async push(row: unknown[]): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= BATCH) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    for (const parent of this.parents) await parent.flush();
    const rows = this.rows;
    this.rows = [];
    await this.sink(this.table, this.columns, rows);
  }
}

/** Generates the tier's rows in dependency order and hands them to `sink` in batches. */
export async function generate(tier: Tier, sink: Sink, seed = 7): Promise<DatasetInfo> {
  const spec = TIERS[tier];
  const rand = prng(seed);
  const now = Date.UTC(2026, 10, 1);
  const yearMs = 365 * 24 * 3600 * 1000;
  // Any valid argon2id string: nobody logs in as these members (writers use pre-made sessions).
  const passwordHash =
    '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hiZW5jaGJlbmNo$6m2h0ZLbVhH8Xx3pC0y5PQ4f2m0tqG5m3cA3pTfA1Sg';

  const users = new Buffered(sink, 'users', {
    id: 'uuid',
    username: 'text',
    username_key: 'text',
    password_hash: 'text',
    created_at: 'timestamptz',
  });
  const userIds: string[] = [];
  for (let i = 0; i < spec.users; i++) {
    const id = uuidFrom(rand);
    userIds.push(id);
    const name = `lid${i}`;
    await users.push([id, name, name, passwordHash, new Date(now - yearMs - 1000 * i).toISOString()]);
  }
  await users.flush();

  const sessions = new Buffered(sink, 'sessions', {
    id: 'text',
    user_id: 'uuid',
    expires_at: 'timestamptz',
    absolute_expires_at: 'timestamptz',
  });
  const writers: DatasetInfo['writers'] = [];
  const farFuture = new Date(Date.UTC(2099, 0, 1)).toISOString();
  for (let i = 0; i < WRITERS; i++) {
    const token = sessionTokenFor(i);
    const id = userIds[i] ?? '';
    writers.push({ id, token });
    await sessions.push([sessionIdFromToken(token), id, farFuture, farFuture]);
  }
  await sessions.flush();

  const spaceRows: DatasetInfo['spaces'] = [];
  for (let s = 0; s < spec.spaces; s++) spaceRows.push({ id: uuidFrom(rand), slug: `ruimte-${s + 1}` });

  // Thread sizes: thread 0 is the hot one; the rest share what is left, Zipf-distributed (≥ 1 post each).
  const rest = spec.posts - spec.hotPosts;
  const others = spec.threads - 1;
  const extra = zipfCounts(rand, others, rest - others);
  const sizes = [spec.hotPosts, ...extra.map((e) => e + 1)];
  const threadIds = sizes.map(() => uuidFrom(rand));
  const threadSpace = sizes.map((_, t) => t % spec.spaces);

  // Planted recall terms: pick post positions (global index) for each term.
  const planted = new Map<number, string>();
  const recall: DatasetInfo['recall'] = [];
  for (const term of RECALL_TERMS) {
    let placed = 0;
    while (placed < term.posts) {
      const at = Math.floor(rand() * spec.posts);
      if (planted.has(at)) continue;
      planted.set(at, term.planted);
      placed++;
    }
    recall.push({ term: term.term, kind: term.kind, posts: term.posts });
  }

  const threadCols: Columns = {
    id: 'uuid',
    space_id: 'uuid',
    author_id: 'uuid',
    title: 'text',
    intent: 'text',
    anonymous: 'bool',
    post_count: 'int4',
    reply_count: 'int4',
    last_post_number: 'int4',
    alias_count: 'int4',
    last_activity_at: 'timestamptz',
    created_at: 'timestamptz',
  };
  const postCols: Columns = {
    id: 'uuid',
    thread_id: 'uuid',
    number: 'int4',
    author_id: 'uuid',
    anonymous: 'bool',
    alias_letter: 'text',
    source: 'text',
    html: 'text',
    reaction_steun: 'int4',
    reaction_herkenning: 'int4',
    reaction_dank: 'int4',
    created_at: 'timestamptz',
  };
  const threadsOut = new Buffered(sink, 'threads', threadCols);
  const aliasesOut = new Buffered(sink, 'thread_aliases', { thread_id: 'uuid', user_id: 'uuid', letter: 'text' }, [
    threadsOut,
  ]);
  const postsOut = new Buffered(sink, 'posts', postCols, [threadsOut, aliasesOut]);
  const reactionsOut = new Buffered(sink, 'reactions', { post_id: 'uuid', user_id: 'uuid', kind: 'text' }, [postsOut]);

  const spaceStats = spaceRows.map(() => ({ threads: 0, posts: 0, last: 0 }));
  const intents = ['support', 'experience', 'question', 'good_news', null];
  const kinds = ['steun', 'herkenning', 'dank'] as const;
  const threadSample: DatasetInfo['threadSample'] = [];
  const postSample: string[] = [];
  let globalIndex = 0;

  // Spaces first (threads reference them); their counters are written now from the known sizes.
  for (let t = 0; t < sizes.length; t++) {
    const st = spaceStats[threadSpace[t] ?? 0];
    if (st) {
      st.threads++;
      st.posts += sizes[t] ?? 0;
    }
  }
  const threadTimes = sizes.map(() => now - Math.floor(rand() * yearMs));
  for (let t = 0; t < sizes.length; t++) {
    const st = spaceStats[threadSpace[t] ?? 0];
    if (st) st.last = Math.max(st.last, (threadTimes[t] ?? 0) + 3_600_000);
  }
  await sink(
    'spaces',
    {
      id: 'uuid',
      slug: 'text',
      name: 'text',
      description: 'text',
      thread_count: 'int4',
      post_count: 'int4',
      last_activity_at: 'timestamptz',
    },
    spaceRows.map((s, i) => [
      s.id,
      s.slug,
      `Ruimte ${i + 1}`,
      'Een ruimte voor lotgenoten (benchmarkgegevens).',
      spaceStats[i]?.threads ?? 0,
      spaceStats[i]?.posts ?? 0,
      new Date(spaceStats[i]?.last ?? now).toISOString(),
    ]),
  );

  for (let t = 0; t < sizes.length; t++) {
    const size = sizes[t] ?? 1;
    const threadId = threadIds[t] ?? '';
    const start = threadTimes[t] ?? now;
    // Posts spread over the hour after the opening (hot thread: over a year, one per ~10 minutes).
    const step = t === 0 ? 600_000 : Math.max(1, Math.floor(3_600_000 / size));
    const opener = userIds[Math.floor(rand() * userIds.length)] ?? '';
    const anonymousOpener = rand() < 0.1;
    const last = start + step * (size - 1);
    await threadsOut.push([
      threadId,
      spaceRows[threadSpace[t] ?? 0]?.id,
      opener,
      sentence(rand).slice(0, 120),
      intents[Math.floor(rand() * intents.length)],
      anonymousOpener,
      size,
      size - 1,
      size,
      anonymousOpener ? 1 : 0,
      new Date(last).toISOString(),
      new Date(start).toISOString(),
    ]);
    if (anonymousOpener) await aliasesOut.push([threadId, opener, 'A']);
    if (t > 0 && threadSample.length < 500) threadSample.push({ id: threadId, posts: size });
    for (let n = 1; n <= size; n++) {
      const postId = uuidFrom(rand);
      const author = n === 1 ? opener : (userIds[Math.floor(rand() * userIds.length)] ?? '');
      const anonymous = n === 1 && anonymousOpener;
      const { source, html } = postText(rand, planted.get(globalIndex));
      const counts = [0, 0, 0];
      const reacted: unknown[][] = [];
      if (rand() < 0.1) {
        const reactors = 1 + Math.floor(rand() * 3);
        const seen = new Set<string>();
        for (let r = 0; r < reactors; r++) {
          const user = userIds[Math.floor(rand() * userIds.length)] ?? '';
          const k = Math.floor(rand() * 3);
          const key = `${user}:${k}`;
          if (seen.has(key)) continue;
          seen.add(key);
          counts[k] = (counts[k] ?? 0) + 1;
          reacted.push([postId, user, kinds[k]]);
        }
      }
      await postsOut.push([
        postId,
        threadId,
        n,
        author,
        anonymous,
        anonymous ? 'A' : null,
        source,
        html,
        counts[0],
        counts[1],
        counts[2],
        new Date(start + step * (n - 1)).toISOString(),
      ]);
      for (const row of reacted) await reactionsOut.push(row);
      if (globalIndex % 97 === 0 && postSample.length < 2_000) postSample.push(postId);
      globalIndex++;
    }
  }
  await reactionsOut.flush();
  await postsOut.flush();

  return {
    tier,
    spaces: spaceRows,
    hotThreadId: threadIds[0] ?? '',
    threadSample,
    postSample,
    writers,
    writerThreads: threadIds.slice(1, 1 + WRITERS),
    recall,
  };
}
