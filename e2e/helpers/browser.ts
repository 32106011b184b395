/**
 * Launches Debian's Chromium through playwright-core (no browser download) and records what a
 * test should never see: console errors, uncaught page errors and Content-Security-Policy
 * violations.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
  sample: string;
}

export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: CspViolation[];
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
  close(): Promise<void>;
}

export interface WatchOptions {
  baseURL: string;
  /**
   * "Failed to load resource" console errors for these URLs are expected (an API answer the page
   * handles, such as a 404 it shows as an empty state) and not recorded.
   */
  expectedFailedRequests?: RegExp[];
  /** The browser's language (default nl-NL). */
  locale?: string;
}

/** A fresh context (no cookies, no storage) with one page whose problems are recorded. */
export async function openPage(browser: Browser, options: WatchOptions): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL: options.baseURL, locale: options.locale ?? 'nl-NL' });
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], cspViolations: [] };

  // Bindings and init scripts are injected through the DevTools protocol, so they run even
  // under the page's strict CSP and do not count as inline script.
  await context.exposeBinding('__kringReportCspViolation', (_source, violation: CspViolation) => {
    problems.cspViolations.push(violation);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as Record<string, ((v: unknown) => unknown) | undefined>)
        .__kringReportCspViolation;
      void report?.({
        directive: event.effectiveDirective,
        blockedURI: event.blockedURI,
        sourceFile: event.sourceFile,
        sample: event.sample,
      });
    });
  });

  const page = await context.newPage();
  // The app is local and small: anything slower than this is a failure worth seeing quickly.
  page.setDefaultTimeout(10_000);
  // The app asks who is signed in with GET /api/auth/session (200 for a guest too), so no failure is expected.
  const expected = options.expectedFailedRequests ?? [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = message.location().url;
    if (message.text().startsWith('Failed to load resource') && expected.some((re) => re.test(url))) {
      return;
    }
    problems.consoleErrors.push(`${message.text()} (${url})`);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));

  return { context, page, problems, close: () => context.close() };
}
