/**
 * Browser end-to-end support: the real server (in process) on PGlite with the demo seed, serving
 * the built portal, and Debian's Chromium driven by playwright-core (STACK.md, pitfall 8).
 * Without Chromium the browser tests are skipped locally, and FAIL when `CI` is set.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DatabaseHandle, DEMO_PASSWORD, openDatabase, seedDemo } from '@hrd/server';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { PORTAL_DIST, startTestServer, TEST_KEYRING, type TestServer } from '../support/server.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** Run the browser tests here? Locally without Chromium: no (a notice says so). In CI: always. */
export function browserTestsEnabled(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) return true; // beforeAll then fails with the reason
  process.stderr.write(
    `\n!! Browser tests SKIPPED: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium).\n\n`,
  );
  return false;
}

export interface PortalHarness {
  url: string;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function startPortal(): Promise<PortalHarness> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium is required for the browser tests: none at ${CHROMIUM_PATH}.`);
  if (!existsSync(join(PORTAL_DIST, 'index.html'))) {
    throw new Error(`The portal is not built (${PORTAL_DIST}): run \`pnpm build\` first.`);
  }
  const database: DatabaseHandle = await openDatabase({ dataDir: 'memory://' });
  let server: TestServer | undefined;
  let userDataDir: string | undefined;
  try {
    await database.migrate();
    await seedDemo(database.db, { keyring: TEST_KEYRING });
    server = await startTestServer(database);
    userDataDir = mkdtempSync(join(tmpdir(), 'hrd-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 900 },
      locale: 'en-CA',
      timezoneId: 'UTC',
    });
    context.setDefaultTimeout(30_000);
    mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    const started = server;
    const dir = userDataDir;
    return {
      url: started.url,
      context,
      close: async () => {
        await context.close();
        await started.close();
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server?.close();
    await database.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

/** A fresh page with no session (cookies cleared) in English. */
export async function freshPage(harness: PortalHarness): Promise<Page> {
  await harness.context.clearCookies();
  for (const open of harness.context.pages()) await open.close();
  const page = await harness.context.newPage();
  await page.goto(`${harness.url}/`);
  await page.evaluate("localStorage.setItem('hrd.locale', 'en')");
  await page.reload();
  return page;
}

export async function signIn(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** axe-core's serious and critical violations on the page as it is now (none expected). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, not as a <script>: the portal's CSP (own origin
  // only) refuses injected inline scripts, and the pages are tested under that CSP.
  await page.evaluate(AXE_SOURCE);
  // A string, so that this Node-typed file needs no DOM typings.
  const violations = (await page.evaluate(`axe.run(document).then((result) =>
    result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    })))`)) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${JSON.stringify(v.nodes)}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}
