/**
 * Removal-reason templates as data: seeded with the original five (nl + en), readable by moderators and
 * admins, managed by admins only, every change audited in the same transaction.
 */
import { reasonTemplates as seedList } from '@kring/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';
import { createMember, type TestMember } from '../../factories/members';
import { api } from '../../factories/moderation';
import { createTestSpace } from '../../factories/threads';

let t: TestApp;
let a: ReturnType<typeof api>;
let mod: TestMember;
let admin: TestMember;
let member: TestMember;

type Template = { id: string; key: string; label: { nl: string; en: string }; text: { nl: string; en: string } };

beforeAll(async () => {
  t = await buildTestApp({ rateLimits: false });
  a = api(t.app);
  const space = await createTestSpace(t.app, { slug: 'reasons' });
  mod = await createMember(t.app, { moderatorOf: [space.id] });
  admin = await createMember(t.app, { role: 'admin' });
  member = await createMember(t.app);
});
afterAll(async () => {
  await t.close();
});

const list = (who: TestMember | null) => a.call('GET', '/api/moderation/reason-templates', who);
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, who: TestMember | null, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: who ? { cookie: who.cookie } : {},
    ...(payload ? { payload } : {}),
  });
const sample = {
  key: 'self_harm_details',
  label: { nl: 'Details over zelfbeschadiging', en: 'Self-harm details' },
  text: {
    nl: 'Dit bericht beschrijft zelfbeschadiging in detail; dat kan anderen raken.',
    en: 'This post describes self-harm in detail, which can affect others.',
  },
};

describe('GET /api/moderation/reason-templates', () => {
  it('lists the seeded templates, in order, in the documented shape, for moderators and admins', async () => {
    for (const who of [mod, admin]) {
      const res = await list(who);
      expect(res.statusCode, res.body).toBe(200);
      const { templates } = res.json<{ templates: Template[] }>();
      expect(templates.map((tpl) => tpl.text.nl)).toEqual([...seedList.nl]);
      expect(templates.map((tpl) => tpl.text.en)).toEqual([...seedList.en]);
      expect(templates.map((tpl) => tpl.key)).toEqual([
        'personal_data',
        'unkind',
        'medical_misinformation',
        'spam',
        'off_topic',
      ]);
      for (const tpl of templates) {
        expect(Object.keys(tpl).sort()).toEqual(['id', 'key', 'label', 'text']);
        expect(tpl.label.nl.length).toBeGreaterThan(0);
        expect(tpl.label.en.length).toBeGreaterThan(0);
      }
    }
  });

  it('is 401 without a session and 403 for members', async () => {
    expect((await list(null)).statusCode).toBe(401);
    const res = await list(member);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });
});

describe('admin CRUD /api/admin/reason-templates', () => {
  it('adds, changes and deletes a template; each change is audited', async () => {
    const created = await send('POST', '/api/admin/reason-templates', admin, sample);
    expect(created.statusCode, created.body).toBe(201);
    const template = created.json<{ template: Template }>().template;
    expect(template).toMatchObject(sample);
    expect((await list(mod)).json<{ templates: Template[] }>().templates.at(-1)).toEqual(template);

    const changed = await send('PATCH', `/api/admin/reason-templates/${template.id}`, admin, {
      label: { en: 'Self-harm in detail' },
      text: { nl: 'Dit bericht beschrijft zelfbeschadiging te gedetailleerd.' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<{ template: Template }>().template).toEqual({
      ...template,
      label: { nl: sample.label.nl, en: 'Self-harm in detail' },
      text: { nl: 'Dit bericht beschrijft zelfbeschadiging te gedetailleerd.', en: sample.text.en },
    });

    const removed = await send('DELETE', `/api/admin/reason-templates/${template.id}`, admin);
    expect(removed.statusCode).toBe(200);
    expect((await list(admin)).json<{ templates: Template[] }>().templates.map((tpl) => tpl.id)).not.toContain(
      template.id,
    );
    expect((await send('DELETE', `/api/admin/reason-templates/${template.id}`, admin)).statusCode).toBe(404);

    const log = (await a.log(admin, '?action=reason_template_changed')).json<{
      items: { action: string; target: { type: string; id: string }; details: Record<string, unknown> }[];
    }>();
    expect(log.items[0]?.target).toEqual({ type: 'reason_template', id: template.id });
    expect(log.items[0]?.details).toMatchObject({ before: { label: sample.label }, after: { key: sample.key } });
    for (const action of ['reason_template_added', 'reason_template_removed']) {
      const entries = (await a.log(admin, `?action=${action}`)).json<{ items: { target: { id: string } }[] }>();
      expect(entries.items.map((entry) => entry.target.id)).toContain(template.id);
    }
  });

  it('is admin only: 401 without a session, 403 for moderators and members (nothing changes)', async () => {
    const [first] = (await list(admin)).json<{ templates: Template[] }>().templates;
    if (!first) throw new Error('no seeded template');
    for (const who of [null, mod, member]) {
      const expected = who ? 403 : 401;
      expect((await send('POST', '/api/admin/reason-templates', who, { ...sample, key: 'x_other' })).statusCode).toBe(
        expected,
      );
      expect(
        (await send('PATCH', `/api/admin/reason-templates/${first.id}`, who, { label: { nl: 'Gekaapt' } })).statusCode,
      ).toBe(expected);
      expect((await send('DELETE', `/api/admin/reason-templates/${first.id}`, who)).statusCode).toBe(expected);
    }
    expect((await list(admin)).json<{ templates: Template[] }>().templates[0]).toEqual(first);
  });

  it('answers bad input with 400, a taken key with 409 and an unknown id with 404', async () => {
    const bad = [
      { ...sample, key: 'Hoofdletters' },
      { ...sample, key: '' },
      { ...sample, label: { nl: 'Alleen nl' } },
      { ...sample, text: { nl: '', en: 'x' } },
      { ...sample, label: { nl: 'Twee\nregels', en: 'x' } },
      { ...sample, text: { nl: 'x'.repeat(501), en: 'x' } },
      { ...sample, extra: true },
    ];
    for (const body of bad) {
      const res = await send('POST', '/api/admin/reason-templates', admin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const taken = await send('POST', '/api/admin/reason-templates', admin, { ...sample, key: 'spam' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('key_taken');

    const [first, second] = (await list(admin)).json<{ templates: Template[] }>().templates;
    if (!first || !second) throw new Error('no seeded templates');
    const clash = await send('PATCH', `/api/admin/reason-templates/${second.id}`, admin, { key: first.key });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('key_taken');
    expect((await send('PATCH', `/api/admin/reason-templates/${first.id}`, admin, {})).statusCode).toBe(400);
    expect(
      (await send('PATCH', `/api/admin/reason-templates/${first.id}`, admin, { label: { nl: 'x'.repeat(61) } }))
        .statusCode,
    ).toBe(400);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect(
        (await send('PATCH', `/api/admin/reason-templates/${id}`, admin, { label: { nl: 'Nieuw' } })).statusCode,
      ).toBe(404);
      expect((await send('DELETE', `/api/admin/reason-templates/${id}`, admin)).statusCode).toBe(404);
    }
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    expect(Object.keys(doc.paths['/api/moderation/reason-templates'] ?? {})).toContain('get');
    expect(Object.keys(doc.paths['/api/admin/reason-templates'] ?? {})).toContain('post');
    expect(Object.keys(doc.paths['/api/admin/reason-templates/{id}'] ?? {}).sort()).toEqual(['delete', 'patch']);
  });
});
