/**
 * The life cycle every e2e file shares: one real server and one Chromium per file, and after every test
 * a check that none of the pages it opened saw a CSP violation, an uncaught error or a console error.
 *
 *   const suite = useE2eSuite();
 *   const page = await suite.open({ expectedFailedRequests: [/\/api\/auth\/login$/] });
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, openPage, type WatchOptions, type WatchedPage } from './browser';
import { startServer, type RunningServer } from './server';

export interface E2eSuite {
  /** e.g. `http://127.0.0.1:41234` (available inside tests and hooks). */
  readonly baseUrl: string;
  /** A new page in its own browser context, watched until the end of the current test. */
  open(options?: Omit<WatchOptions, 'baseURL'>): Promise<Page>;
}

/** `env`: extra settings for this file's server (e.g. `KRING_NEW_MEMBER_DAYS: '0'`). */
export function useE2eSuite(env: Record<string, string> = {}): E2eSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let watched: WatchedPage[] = [];

  beforeAll(async () => {
    server = await startServer(env);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  afterEach(async () => {
    const pages = watched;
    watched = [];
    for (const current of pages) {
      const { problems } = current;
      await current.close();
      expect(problems.cspViolations, 'CSP violations').toEqual([]);
      expect(problems.pageErrors, 'uncaught page errors').toEqual([]);
      expect(problems.consoleErrors, 'console errors').toEqual([]);
    }
  });

  return {
    get baseUrl() {
      if (!server) throw new Error('the e2e server is not running (use suite.baseUrl inside tests)');
      return server.baseUrl;
    },
    async open(options = {}) {
      if (!server || !browser) throw new Error('the e2e suite has not started');
      const current = await openPage(browser, { ...options, baseURL: server.baseUrl });
      watched.push(current);
      return current.page;
    },
  };
}
