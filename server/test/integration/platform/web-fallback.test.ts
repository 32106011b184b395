import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/build-app';

let t: TestApp;
let webDir: string;

beforeAll(async () => {
  webDir = mkdtempSync(path.join(tmpdir(), 'kring-web-'));
  writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Kring</title><div id="app"></div>');
  t = await buildTestApp({ webDir });
  await t.app.ready();
});

afterAll(async () => {
  await t.close();
  rmSync(webDir, { recursive: true, force: true });
});

describe('the web app fallback', () => {
  it("answers the app's pages with the app and 200", async () => {
    for (const url of ['/', '/ruimtes', '/ruimtes/borstkanker?tab=x', '/draad/0b0c/', '/moderatie/logboek']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toContain('text/html');
    }
  });

  it('answers an unknown page with the app (its own "not found" screen) and an honest 404', async () => {
    for (const url of ['/deze-pagina-bestaat-niet', '/ruimtes/a/b/c', '/wp-login.php']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.body, url).toContain('<div id="app">');
    }
  });

  it('keeps answering unknown API paths as JSON, without echoing the path', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/<script>nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'not_found', message: 'There is no such route. The API is described at /api/docs.' },
    });
  });
});
