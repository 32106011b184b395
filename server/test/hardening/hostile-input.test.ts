/**
 * Hostile input (issue 8), driven by the route table: every route's path params, query params and body
 * fields get SQL-looking strings, Unicode edge cases, out-of-range numbers and malformed JSON. Each
 * answer must be a 2xx or a documented 4xx — never a 500 — and never show database or stack text.
 * Text limits are read from the contract's own zod schemas and probed with 4-byte characters exactly at
 * and one over the limit (limits count code points after NFC).
 */
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildTestApp, type TestApp } from '../helpers/build-app';
import { httpTable, type Method, type Sample } from './support/access-table';
import {
  EMOJI,
  encodeSegment,
  malformedBodies,
  maxLengthOf,
  numberQueryValues,
  numberValues,
  paramUnicodeStrings,
  problemWith,
  sqlStrings,
  unicodeStrings,
} from './support/hostile';
import { buildWorld, type World } from './support/world';

let t: TestApp;
let w: World;
const schemas = new Map<string, { body?: z.ZodType; querystring?: z.ZodType }>();

beforeAll(async () => {
  t = await buildTestApp(
    { rateLimits: false },
    {
      onRoute(route: RouteOptions) {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        const schema = (route.schema ?? {}) as { body?: z.ZodType; querystring?: z.ZodType };
        for (const method of methods) schemas.set(`${method} ${route.url}`, schema);
      },
    },
  );
  w = await buildWorld(t.app);
}, 240_000);

afterAll(async () => {
  await t?.close();
});

/** Well-formed values for path params the table's sample leaves out. */
function defaultParam(route: string, name: string): string {
  const path = route.split(' ')[1] ?? '';
  const byName: Record<string, string> = {
    slug: w.spaces.public.slug,
    username: w.bystander.username,
    userId: w.requesters.approve.id,
    kind: 'steun',
    '*': 'swagger-ui.css',
  };
  if (name !== 'id') return byName[name] ?? 'x';
  if (path.startsWith('/api/threads/')) return w.targets.public.threadId;
  if (path.startsWith('/api/posts/')) return w.targets.public.postId;
  if (path.startsWith('/api/moderation/queue/')) return w.items.public;
  if (path.startsWith('/api/moderation/appeals/')) return w.decidedAppealId;
  if (path.startsWith('/api/admin/watched-words/')) return w.watchedWordId;
  if (path.startsWith('/api/me/sessions/')) return 'a'.repeat(64);
  return 'x';
}

interface Parts {
  params: Record<string, string>;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
}

function partsOf(route: string, sample: Sample): Parts {
  const names = [...(route.split(' ')[1] ?? '').matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
  const params = Object.fromEntries(names.map((name) => [name, sample.params?.[name] ?? defaultParam(route, name)]));
  return { params, query: sample.query ?? {}, body: sample.body as Record<string, unknown> | undefined };
}

function urlOf(route: string, parts: Parts): string {
  const path = (route.split(' ')[1] ?? '')
    .replace(/:(\w+)/g, (_, name: string) => encodeSegment(parts.params[name] ?? ''))
    .replace('*', encodeSegment(parts.params['*'] ?? ''));
  const query = new URLSearchParams(parts.query).toString();
  return query ? `${path}?${query}` : path;
}

const methodOf = (route: string) => route.split(' ')[0] as Method;
const hasBody = (route: string) => !['GET', 'HEAD'].includes(methodOf(route));

/** Every hostile request goes out as an admin (the caller who gets furthest), with a fresh session per route. */
async function sendRaw(
  route: string,
  url: string,
  cookie: Record<string, string>,
  body?: string | Buffer,
  type?: string,
) {
  return t.app.inject({
    method: methodOf(route),
    url,
    headers: { ...cookie, ...(type ? { 'content-type': type } : {}) },
    ...(body !== undefined ? { payload: body } : {}),
  });
}
const sendJson = (route: string, parts: Parts, cookie: Record<string, string>, rawBody?: string) =>
  sendRaw(
    route,
    urlOf(route, parts),
    cookie,
    rawBody ?? (parts.body !== undefined ? JSON.stringify(parts.body) : undefined),
    rawBody !== undefined || parts.body !== undefined ? 'application/json' : undefined,
  );

// The documentation routes serve static files and take no input.
const routes = Object.keys(httpTable).filter((route) => !route.includes('/api/docs'));

describe.each(routes)('%s', (route) => {
  const sampleOf = () => partsOf(route, httpTable[route]?.sample?.(w) ?? {});

  it('path and query params: SQL-looking strings, Unicode edge cases, odd numbers', async () => {
    const cookie = await w.freshCookie('admin');
    const problems: string[] = [];
    const base = sampleOf();
    const values = [...sqlStrings, ...paramUnicodeStrings];
    for (const name of Object.keys(base.params)) {
      for (const value of [...values, ...(name === '*' ? [] : ['', '..', '%2e%2e'])]) {
        const res = await sendJson(route, { ...base, params: { ...base.params, [name]: value } }, cookie);
        const problem = problemWith(res);
        if (problem) problems.push(`:${name}=${JSON.stringify(value)} → ${problem}`);
      }
    }
    const listing = methodOf(route) === 'GET';
    const queryNames = new Set([...Object.keys(base.query), ...(listing ? ['cursor', 'limit'] : [])]);
    for (const name of queryNames) {
      const numeric = ['limit', 'after', 'before', 'around'].includes(name);
      for (const value of [...values, ...(numeric ? numberQueryValues : [])]) {
        const res = await sendJson(route, { ...base, query: { ...base.query, [name]: value } }, cookie);
        const problem = problemWith(res);
        if (problem) problems.push(`?${name}=${JSON.stringify(value)} → ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  // Routes without a body (GET) get no body tests at all.
  if (hasBody(route))
    it('malformed and edge-case JSON bodies', async () => {
      const cookie = await w.freshCookie('admin');
      const base = sampleOf();
      const problems: string[] = [];
      for (const variant of malformedBodies(base.body ?? {})) {
        const res = await sendRaw(route, urlOf(route, base), cookie, variant.body, variant.type);
        const problem = problemWith(res);
        if (problem) problems.push(`${variant.name} → ${problem}`);
      }
      expect(problems).toEqual([]);
    });

  if (hasBody(route))
    it('every body field: SQL, Unicode, numbers, wrong types, length limits', async () => {
      const base = sampleOf();
      const schema = schemas.get(route)?.body;
      if (!base.body) {
        // Nothing to vary: then the route must take no body at all.
        expect(schema, `${route} takes a body: give its entry in access-table.ts a sample`).toBeUndefined();
        return;
      }
      const body = base.body;
      const cookie = await w.freshCookie('admin');
      const problems: string[] = [];
      type Answer = { code?: string; fields?: Record<string, string> };
      const check = async (label: string, raw: string, expectStatus?: (status: number, error: Answer) => boolean) => {
        const res = await sendJson(route, base, cookie, raw);
        const problem = problemWith(res);
        if (problem) problems.push(`${label} → ${problem}`);
        else if (expectStatus) {
          const error = res.statusCode >= 400 ? res.json<{ error: Answer }>().error : {};
          if (!expectStatus(res.statusCode, error))
            problems.push(`${label} → unexpected ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      };
      const withField = (field: string, json: string) => {
        const rest = JSON.stringify({ ...body, [field]: '\u0000marker' });
        return rest.replace('"\\u0000marker"', json);
      };
      for (const [field, value] of Object.entries(body)) {
        const strings = [...sqlStrings, ...unicodeStrings];
        for (const s of strings) await check(`${field}=${JSON.stringify(s)}`, withField(field, JSON.stringify(s)));
        for (const n of numberValues) await check(`${field}=${n}`, withField(field, n));
        for (const wrong of ['null', '{}']) await check(`${field}=${wrong}`, withField(field, wrong));
        if (typeof value !== 'string' || !schema) continue;

        // Length limits as the contract's schema sets them, in code points after NFC: a field that takes
        // 4-byte characters takes exactly `max` of them (also end to end: database, body limit → 413), and
        // one more is a 400 on that field; a field that takes "é" takes "e" + U+0301 as often.
        const max = maxLengthOf(schema, body, field);
        if (max === null || max > 20_000) continue;
        const accepts = (text: string) => schema.safeParse({ ...body, [field]: text }).success;
        // At the limit the schema has nothing to say about the field (a domain rule such as the password
        // policy may still refuse it, with its own code); over the limit the answer names the field.
        const schemaComplaint = (error: Answer) =>
          error.code === 'validation_failed' && error.fields?.[field] !== undefined;
        if (accepts(EMOJI.repeat(max))) {
          await check(
            `${field}=${max}×emoji (at the limit)`,
            withField(field, JSON.stringify(EMOJI.repeat(max))),
            (status, error) => status === 413 || !schemaComplaint(error),
          );
          await check(
            `${field}=${max + 1}×emoji (over the limit)`,
            withField(field, JSON.stringify(EMOJI.repeat(max + 1))),
            (status, error) => status === 413 || (status === 400 && error.fields?.[field] !== undefined),
          );
        }
        if (accepts('\u00e9'.repeat(max))) {
          await check(
            `${field}=${max}×e+U+0301 (NFC)`,
            withField(field, JSON.stringify('e\u0301'.repeat(max))),
            (status, error) => status === 413 || !schemaComplaint(error),
          );
        }
      }
      // Unknown fields are refused (docs/security.md), also when they look dangerous.
      await check(
        'unknown field',
        JSON.stringify({ ...body, "'; drop table users;--": 1 }),
        (status) => status === 400,
      );
      expect(problems).toEqual([]);
    });
});
