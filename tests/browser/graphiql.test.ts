/**
 * GraphiQL at /graphiql in Chromium, under the server's Content-Security-Policy (own origin only,
 * workers from blob:): a signed-in analyst gets the editor (Monaco, in web workers), runs the
 * default query with the portal's session cookie and reads the answer; the browser reports no CSP
 * violation and no page error while doing so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  freshPage,
  type PortalHarness,
  screenshot,
  signIn,
  startPortal,
} from './browser-support.js';

describe.skipIf(!browserTestsEnabled())('GraphiQL in a browser', { timeout: 180_000 }, () => {
  let harness: PortalHarness;
  beforeAll(async () => {
    harness = await startPortal();
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('an analyst runs the default query under the CSP, with no violation reported', async () => {
    const page = await freshPage(harness);
    await signIn(page, 'analyst@ircc.demo');
    const problems: string[] = [];
    page.on('console', (message) => {
      const text = message.text();
      if (/Content Security Policy|Refused to/i.test(text)) problems.push(`console: ${text}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

    await page.goto(`${harness.url}/graphiql`);
    const editor = page.locator('.graphiql-query-editor');
    await editor.waitFor();
    // Monaco has rendered the default query (its lines are DOM nodes once the editor works).
    await expect.poll(() => editor.innerText(), { timeout: 30_000 }).toContain('RecentReferrals');

    const responses: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/graphql' && response.request().method() === 'POST')
        responses.push(response.status());
    });
    await page.getByRole('button', { name: /Execute query/i }).click();
    const result = page.locator('.graphiql-response');
    await expect.poll(() => result.innerText(), { timeout: 30_000 }).toContain('totalCount');
    const answer = await result.innerText();
    expect(answer).toContain('"cases"');
    expect(answer).not.toContain('"errors"');
    expect(responses).toContain(200);
    await screenshot(page, 'analyst-graphiql');
    expect(problems).toEqual([]);
  });

  it('without a session, /graphiql does not serve the editor', async () => {
    const page = await freshPage(harness);
    const response = await page.goto(`${harness.url}/graphiql`);
    expect(response?.status()).toBe(401);
    expect(await page.locator('.graphiql-query-editor').count()).toBe(0);
  });
});
