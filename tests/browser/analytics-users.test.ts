/**
 * The analysts' statistics and the users and API tokens screens, in Chromium against the real
 * server on PGlite with the demo seed: cases by stage and processing times as charts and tables,
 * with suppressed cells shown as suppressed (hatched, "Suppressed"), never as 0; the dashboard in
 * French; an organization admin creates a user, sees it listed and deactivates it (who then cannot
 * sign in); a token is shown once, works, and stops working when revoked; a non-admin has no users
 * screen and is refused at its address. axe-core: no serious or critical violation on each screen.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  freshPage,
  type PortalHarness,
  SCREENSHOTS_DIR,
  screenshot,
  seriousViolations,
  signIn,
  startPortal,
} from './browser-support.js';

/** Waits until no loading state is on screen. */
async function settle(page: Page): Promise<void> {
  await page.locator('.state--loading').first().waitFor({ state: 'detached' });
}

async function noSeriousViolations(page: Page, name: string): Promise<void> {
  await settle(page);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
}

/** A screenshot of one part of a page (a dashboard section). */
async function sectionShot(section: Locator, name: string): Promise<void> {
  await section.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`) });
}

async function go(page: Page, navLabel: string, navName = 'Main'): Promise<void> {
  await page.getByRole('navigation', { name: navName }).getByRole('link', { name: navLabel, exact: true }).click();
  await settle(page);
}

/** The texts of a table's body rows, one array of cell texts per row (header cell first). */
async function rowsOf(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody tr');
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    out.push((await rows.nth(i).locator('th, td').allTextContents()).map((s) => s.trim()));
  }
  return out;
}

const SUPPRESSED = {
  en: /^Suppressed \(fewer than \d+ cases, or hidden to protect such a group\)$/,
  fr: /^Supprimé \(moins de \d+ dossiers, ou masqué pour protéger un tel groupe\)$/,
};

/**
 * The rows with a suppressed cell. Every such cell reads "Suppressed" with its reason (for screen
 * readers), and nothing else: no count, not 0.
 */
function suppressedRows(rows: string[][], locale: 'en' | 'fr'): string[][] {
  const word = locale === 'en' ? 'Suppressed' : 'Supprimé';
  const out = rows.filter((cells) => cells.slice(1).some((c) => c.startsWith(word)));
  for (const cells of out) {
    for (const cell of cells.slice(1)) if (cell.startsWith(word)) expect(cell).toMatch(SUPPRESSED[locale]);
  }
  return out;
}

async function graphql(harness: PortalHarness, token: string, query: string) {
  const response = await fetch(`${harness.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: Array<{ extensions?: { code?: string } }>;
  };
}

describe.skipIf(!browserTestsEnabled())(
  'analysts’ statistics, users and API tokens in a browser',
  { timeout: 180_000 },
  () => {
    let harness: PortalHarness;
    beforeAll(async () => {
      harness = await startPortal();
    }, 120_000);
    afterAll(async () => {
      await harness?.close();
    });

    it('analyst: cases by stage as a chart and a table, suppressed stages shown as suppressed', async () => {
      const page = await freshPage(harness);
      await signIn(page, 'analyst@ircc.demo');
      await go(page, 'Dashboard');
      const section = page.getByTestId('case-counts');
      const chart = section.getByRole('figure', { name: 'Cases by IRCC stage' });
      await chart.locator('svg').first().waitFor();
      // The figure points to its description, which says how many groups are suppressed.
      const describedBy = await chart.getAttribute('aria-describedby');
      expect(describedBy).toBeTruthy();
      expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(
        /Hatched: suppressed.*\d+ suppressed group/,
      );

      const table = section.getByRole('table', { name: 'Cases by IRCC stage (table)' });
      const rows = await rowsOf(table);
      expect(rows.length).toBeGreaterThan(1);
      const suppressed = suppressedRows(rows, 'en');
      // The demo's 33 referrals leave some stage with fewer than 5 cases.
      expect(suppressed.length).toBeGreaterThan(0);
      // Each suppressed stage is a hatched column in the chart, named in its SVG title.
      expect(await chart.locator('[data-suppressed="true"]').count()).toBe(suppressed.length);
      const firstSuppressedStage = suppressed[0]?.[0] ?? '';
      expect(await chart.locator('[data-suppressed="true"] title').allTextContents()).toContain(
        `${firstSuppressedStage}: Suppressed`,
      );
      // Shown stages have numbers, and the total counts them only.
      const shown = rows.filter((cells) => /^\d+$/.test(cells[1] ?? ''));
      expect(shown.length).toBeGreaterThan(0);
      const shownSum = shown.reduce((sum, cells) => sum + Number(cells[1]), 0);
      expect(await table.locator('tfoot td').first().textContent()).toBe(String(shownSum));
      await page.getByRole('link', { name: 'Query the API yourself in GraphiQL' }).waitFor();
      await noSeriousViolations(page, 'dashboard statistics');
      await sectionShot(section, 'analyst-case-counts');

      // Split by partner: a stage × partner table, suppressed cells still shown as such.
      await section.getByLabel('Split by').selectOption('PARTNER');
      const split = section.getByRole('table', { name: 'Cases by IRCC stage and partner (table)' });
      await split.waitFor();
      await settle(page);
      const headers = (await split.locator('thead th').allTextContents()).map((s) => s.trim());
      expect(headers).toEqual(expect.arrayContaining(['Stage', 'FLD', 'PD', 'UNHCR']));
      expect(suppressedRows(await rowsOf(split), 'en').length).toBeGreaterThan(0);
      expect(await section.locator('[data-suppressed="true"]').count()).toBeGreaterThan(0);
      await noSeriousViolations(page, 'dashboard cases by stage and partner');

      // A filter the API weighs: one year, one partner.
      await page.getByLabel('Partner', { exact: true }).selectOption('FLD');
      await settle(page);
      await section.getByTestId('suppressed-count').waitFor();
    });

    it('analyst: processing times as a chart and a table, suppressed groups shown as suppressed', async () => {
      const page = await freshPage(harness);
      await signIn(page, 'analyst@ircc.demo');
      await go(page, 'Dashboard');
      const section = page.getByTestId('processing-times');
      const chart = section.getByRole('figure', {
        name: 'Days from referral to IRCC to decision, by partner',
      });
      await chart.locator('svg').first().waitFor();
      const table = section.getByRole('table', {
        name: 'Days from referral to IRCC to decision, by partner (table)',
      });
      expect((await table.locator('thead th').allTextContents()).map((s) => s.trim())).toEqual([
        'Partner',
        'Cases measured',
        'Median (days)',
        '90th percentile (days)',
      ]);
      const rows = await rowsOf(table);
      const suppressed = suppressedRows(rows, 'en');
      // The demo's few decisions leave FLD and PD with fewer than 5 each: suppressed.
      expect(suppressed.length).toBeGreaterThan(0);
      // A suppressed group is hatched in both series (median and p90), never a bar of 0.
      expect(await chart.locator('[data-suppressed="true"]').count()).toBe(2 * suppressed.length);
      const shown = rows.filter((cells) => !cells[1]?.startsWith('Suppressed'));
      expect(shown.length).toBeGreaterThan(0);
      for (const cells of shown) expect(cells[2]).toMatch(/^\d+(\.\d)?$/);
      await noSeriousViolations(page, 'dashboard processing times');
      await sectionShot(section, 'analyst-processing-times');

      // `to` offers only events after `from`.
      await section.getByLabel('From', { exact: true }).selectOption('DECIDED');
      expect(
        (await section.getByLabel('To', { exact: true }).locator('option').allTextContents()).map((s) => s.trim()),
      ).toEqual(['arrival']);
      await settle(page);
      // The demo's arrivals are fewer than the threshold: every group is suppressed, and it says so.
      await section.getByTestId('population-suppressed').waitFor();
      const all = await rowsOf(
        section.getByRole('table', { name: 'Days from decision to arrival, by partner (table)' }),
      );
      expect(all.length).toBeGreaterThan(0);
      expect(suppressedRows(all, 'en')).toHaveLength(all.length);
    });

    it('analyst: the statistics in French', async () => {
      const page = await freshPage(harness);
      await signIn(page, 'analyst@ircc.demo');
      await page.getByRole('button', { name: 'Français' }).click();
      await go(page, 'Tableau de bord', 'Principale');
      const counts = page.getByTestId('case-counts');
      await counts.getByRole('heading', { name: 'Dossiers par étape' }).waitFor();
      await counts.getByRole('figure', { name: 'Dossiers par étape d’IRCC' }).locator('svg').first().waitFor();
      const table = counts.getByRole('table', { name: 'Dossiers par étape d’IRCC (tableau)' });
      expect((await table.locator('thead th').allTextContents()).map((s) => s.trim())).toEqual([
        'Étape',
        'Dossiers',
        'Personnes',
      ]);
      expect(suppressedRows(await rowsOf(table), 'fr').length).toBeGreaterThan(0);
      await page.getByLabel('Année de la recommandation').first().waitFor();
      const times = page.getByTestId('processing-times');
      await times.getByRole('heading', { name: 'Délais de traitement' }).waitFor();
      await times
        .getByRole('table', {
          name: 'Jours de la recommandation à IRCC à la décision, par partenaire (tableau)',
        })
        .waitFor();
      expect(await times.getByRole('columnheader').allTextContents()).toContain('Médiane (jours)');
      await noSeriousViolations(page, 'tableau de bord');
      await sectionShot(counts, 'analyst-case-counts-fr');
      await page.getByRole('button', { name: 'English' }).click();
    });

    it('admin: creates a user, sees it listed, deactivates it, and the user can no longer sign in', async () => {
      const page = await freshPage(harness);
      await signIn(page, 'admin@pd.demo');
      await page.getByRole('link', { name: 'Manage your organization’s users' }).waitFor();
      await go(page, 'Users');
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      const table = page.getByTestId('users-table');
      await table.getByText('caseworker@pd.demo').waitFor();
      const form = page.getByTestId('create-user-form');
      // Only the roles a PD organization may hold are offered.
      expect((await form.locator('label.inline-check').allTextContents()).map((s) => s.trim())).toEqual([
        'Caseworker',
        'Intake coordinator',
        'Organization admin',
      ]);

      // Validation next to the fields.
      await form.getByLabel('Email').fill('not-an-email');
      await form.getByLabel('Initial password').fill('short');
      await form.getByRole('button', { name: 'Add the user' }).click();
      await form.getByText('Required.').waitFor();
      await form.getByText('Give a valid email address, e.g. name@example.org.').waitFor();
      await form.getByText('A password has at least 12 characters.').waitFor();
      await form.getByText('Choose at least one role.').waitFor();
      expect(await form.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
      const emailError = await form.getByLabel('Email').getAttribute('aria-describedby');
      expect(await page.locator(`[id="${emailError}"]`).textContent()).toBe(
        'Give a valid email address, e.g. name@example.org.',
      );
      await noSeriousViolations(page, 'users form with errors');

      // An email already taken: the API's CONFLICT, next to the email field.
      await form.getByLabel('Name').fill('Dup Licate');
      await form.getByLabel('Email').fill('caseworker@pd.demo');
      await form.getByLabel('Initial password').fill('a-long-enough-password');
      await form.getByLabel('Caseworker').check();
      await form.getByRole('button', { name: 'Add the user' }).click();
      await form.getByText('A user with this email address already exists.').waitFor();

      // Each run starts from a fresh demo database: the address is free.
      const email = 'noor.haddad@pd.demo';
      const password = 'correct-horse-battery';
      await form.getByLabel('Name').fill('Noor Haddad');
      await form.getByLabel('Email').fill(email);
      await form.getByLabel('Initial password').fill(password);
      await form.getByRole('button', { name: 'Add the user' }).click();
      await page.getByTestId('users-notice').getByText('User Noor Haddad created.').waitFor();
      const row = table.getByRole('row').filter({ hasText: email });
      await row.waitFor();
      expect((await row.locator('th, td').allTextContents()).map((s) => s.trim()).slice(0, 4)).toEqual([
        'Noor Haddad',
        email,
        'Caseworker',
        'Active',
      ]);
      // The admin cannot deactivate themselves from here.
      expect(await table.getByRole('row').filter({ hasText: 'admin@pd.demo' }).getByRole('button').count()).toBe(0);
      await noSeriousViolations(page, 'users');

      // Deactivation asks first; cancelling changes nothing.
      await row.getByRole('button', { name: 'Deactivate Noor Haddad' }).click();
      await row.getByText('Deactivate Noor Haddad? They are signed out at once').waitFor();
      await row.getByRole('button', { name: 'Cancel' }).click();
      await row.getByText('Active', { exact: true }).waitFor();
      await row.getByRole('button', { name: 'Deactivate Noor Haddad' }).click();
      await row.getByRole('button', { name: 'Yes, deactivate Noor Haddad' }).click();
      await row.getByText('Deactivated', { exact: true }).waitFor();
      await page.getByTestId('users-notice').getByText('Noor Haddad is deactivated').waitFor();
      expect(await row.getByRole('button').count()).toBe(0);
      await noSeriousViolations(page, 'users after deactivation');
      await screenshot(page, 'admin-users');

      // Deactivated for real: after a reload it is still so, and the new user cannot sign in.
      await page.reload();
      await page
        .getByTestId('users-table')
        .getByRole('row')
        .filter({ hasText: email })
        .getByText('Deactivated')
        .waitFor();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('The email or password is not right.').waitFor();
    });

    it('analyst: creates an API token shown once, which works until it is revoked', async () => {
      const page = await freshPage(harness);
      await signIn(page, 'analyst@ircc.demo');
      await go(page, 'API tokens');
      await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
      await page.getByText('You have no API token.').waitFor();
      await page.getByRole('button', { name: 'Create the token' }).click();
      await page.getByText('Required.').waitFor();
      await page.getByLabel('Lifetime (days)').fill('400');
      await page.getByLabel('Name', { exact: true }).fill('Monthly report notebook');
      await page.getByRole('button', { name: 'Create the token' }).click();
      await page.getByText('Give a number of days from 1 to 365.').waitFor();
      await page.getByLabel('Lifetime (days)').fill('30');
      await page.getByRole('button', { name: 'Create the token' }).click();

      const shown = page.getByTestId('new-token');
      await shown.getByText('Copy it now: it is shown only this once.').waitFor();
      const token = await shown.getByLabel('Token').inputValue();
      expect(token.length).toBeGreaterThan(20);
      const row = page.getByTestId('tokens-table').getByRole('row').filter({ hasText: 'Monthly report notebook' });
      await row.getByText('Active').waitFor();
      await noSeriousViolations(page, 'API tokens');
      // The secret is masked in the picture.
      await page.screenshot({
        path: join(SCREENSHOTS_DIR, 'analyst-api-tokens.png'),
        fullPage: true,
        mask: [shown.getByLabel('Token')],
      });
      // The token acts as the analyst.
      expect((await graphql(harness, token, '{ me { email } }')).data).toEqual({ me: { email: 'analyst@ircc.demo' } });

      await shown.getByRole('button', { name: 'I have stored it' }).click();
      await shown.waitFor({ state: 'detached' });
      await row.getByRole('button', { name: 'Revoke the token Monthly report notebook' }).click();
      await row.getByRole('button', { name: 'Yes, revoke Monthly report notebook' }).click();
      await row.getByText('Revoked').waitFor();
      expect((await graphql(harness, token, '{ me { email } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // Its secret is never shown again.
      await page.reload();
      await page.getByTestId('tokens-table').waitFor();
      expect(await page.getByTestId('new-token').count()).toBe(0);
    });

    it('a non-admin has no users screen, and is refused at its address', async () => {
      const page = await freshPage(harness);
      await signIn(page, 'caseworker@pd.demo');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Cases', exact: true }).waitFor();
      expect(await nav.getByRole('link', { name: 'Users' }).count()).toBe(0);
      await page.goto(`${harness.url}/users`);
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      await page.getByTestId('users-denied').getByText('Your role may not do this.').waitFor();
      expect(await page.getByTestId('users-table').count()).toBe(0);
      expect(await page.getByTestId('create-user-form').count()).toBe(0);
      await noSeriousViolations(page, 'users refused');

      // An analyst neither.
      const analyst = await freshPage(harness);
      await signIn(analyst, 'analyst@ircc.demo');
      expect(await analyst.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).count()).toBe(
        0,
      );
      await analyst.goto(`${harness.url}/users`);
      await analyst.getByTestId('users-denied').getByText('Your role may not do this.').waitFor();
    });
  },
);
