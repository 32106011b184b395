/**
 * loadSpaceForActor: the one door other features (threads, posts, socket rooms) use to open a space's
 * content. It answers null (404) for a missing space and for one the actor may not read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guest, type Actor, type MemberActor } from '../../../src/lib/actor';
import { loadSpaceForActor } from '../../../src/modules/spaces/spaces.service';
import { createMember } from '../../factories/members';
import { addMembership, createSpace, type TestSpace } from '../../factories/spaces';
import { buildTestApp, type TestApp } from '../../helpers/build-app';

let t: TestApp;
let closed: TestSpace;
let registered: TestSpace;
let archived: TestSpace;
let member: MemberActor;
let approved: MemberActor;

async function actorFor(options: Parameters<typeof createMember>[1] = {}): Promise<MemberActor> {
  const created = await createMember(t.app, options);
  const validated = await t.app.kring.sessions.validate(created.token);
  if (!validated) throw new Error('no session');
  return validated.actor;
}

beforeAll(async () => {
  t = await buildTestApp();
  await createSpace(t.app, { slug: 'open', visibility: 'public' });
  registered = await createSpace(t.app, { slug: 'leden', visibility: 'registered' });
  closed = await createSpace(t.app, { slug: 'dicht', visibility: 'closed' });
  archived = await createSpace(t.app, { slug: 'oud', visibility: 'public', archivedAt: new Date() });
  member = await actorFor();
  approved = await actorFor();
  await addMembership(t.app, closed.id, approved.userId, 'approved');
});

afterAll(async () => {
  await t.close();
});

const load = (actor: Actor, ref: { slug: string } | { id: string }) =>
  loadSpaceForActor(t.app.kring.database.db, actor, ref);

describe('loadSpaceForActor', () => {
  it('opens what the actor may read, with their membership', async () => {
    expect((await load(guest, { slug: 'open' }))?.space.slug).toBe('open');
    expect((await load(member, { slug: 'leden' }))?.membership).toBe('none');
    expect(await load(approved, { slug: 'dicht' })).toMatchObject({ space: { id: closed.id }, membership: 'approved' });
    expect((await load(await actorFor({ moderatorOf: [closed.id] }), { id: closed.id }))?.space.slug).toBe('dicht');
    expect((await load(await actorFor({ role: 'admin' }), { slug: 'dicht' }))?.space.slug).toBe('dicht');
  });

  it('returns archived spaces (they stay readable)', async () => {
    expect((await load(guest, { id: archived.id }))?.space.archivedAt).toBeInstanceOf(Date);
  });

  it('null for what the actor may not read, and for what does not exist', async () => {
    expect(await load(guest, { slug: 'leden' })).toBeNull();
    expect(await load(guest, { id: registered.id })).toBeNull();
    expect(await load(member, { slug: 'dicht' })).toBeNull();
    expect(await load(await actorFor({ moderatorOf: [registered.id] }), { slug: 'dicht' })).toBeNull();
    expect(await load(member, { slug: 'bestaat-niet' })).toBeNull();
    expect(await load(member, { id: '00000000-0000-4000-8000-000000000000' })).toBeNull();
    expect(await load(member, { id: 'geen-id' })).toBeNull();
  });

  it('a pending request does not open a closed space', async () => {
    const pending = await actorFor();
    await addMembership(t.app, closed.id, pending.userId, 'pending');
    expect(await load(pending, { slug: 'dicht' })).toBeNull();
  });
});
