/**
 * The casework forms in Chromium, against the real server on PGlite with the demo seed: editing and
 * removing persons, editing charges, the reload a CONFLICT offers (two tabs on one case), withdrawal,
 * concluding not eligible, the CONSENT override, an IRCC decision and arrival, and an information
 * request answered by the partner and read by the officer. axe-core on each new form; screenshots
 * of them in docs/screenshots/.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserTestsEnabled,
  freshPage,
  type PortalHarness,
  screenshot,
  seriousViolations,
  signIn,
  startPortal,
} from './browser-support.js';

const CRITERIA = [
  'HRD_TRACK_RECORD',
  'AT_RISK',
  'REFUGEE_DEFINITION',
  'NO_DURABLE_SOLUTION',
  'CONSENT',
  'FAMILY_VERIFIED',
] as const;

/** Waits until no loading state is on screen. */
async function settle(page: Page): Promise<void> {
  await page.locator('.state--loading').first().waitFor({ state: 'detached' });
}

/** Settles, checks accessibility and takes the screenshot of a screen. */
async function checkScreen(page: Page, name: string): Promise<void> {
  await settle(page);
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  await screenshot(page, name);
}

async function go(page: Page, navLabel: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: navLabel, exact: true }).click();
  await settle(page);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Opens the first case in the list with this status (its English label) held by this custodian
 * (the list also shows cases the organization only receives or held before). Answers its reference.
 */
async function openCase(page: Page, status: { value: string; label: string }, custodian: string): Promise<string> {
  await go(page, 'Cases');
  await page.getByLabel('Status').selectOption(status.value);
  const row = page
    .locator('tbody tr')
    .filter({ has: page.locator('td', { hasText: new RegExp(`^${escapeRegExp(status.label)}$`) }) })
    .filter({ has: page.locator('td', { hasText: new RegExp(`^${escapeRegExp(custodian)}$`) }) })
    .first();
  await row.waitFor();
  const reference = (await row.locator('th').textContent())?.trim() ?? '';
  expect(reference).not.toBe('');
  await row.getByRole('link').click();
  await page.getByRole('heading', { name: `Case ${reference}` }).waitFor();
  await settle(page);
  return reference;
}

const section = (page: Page, heading: string) => page.locator(`section[aria-labelledby="${heading}"]`);

// Generous timeouts: the full test run shares two cores with the database projects.
describe.skipIf(!browserTestsEnabled())('the casework forms in a browser', { timeout: 180_000 }, () => {
  let harness: PortalHarness;
  beforeAll(async () => {
    harness = await startPortal();
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('caseworker: edits a person and a charge, with messages next to the fields, and removes a person', async () => {
    const page = await freshPage(harness);
    await signIn(page, 'caseworker@pd.demo');
    await openCase(page, { value: 'IN_ASSESSMENT', label: 'In assessment' }, 'ProtectDefenders.eu');
    const persons = section(page, 'persons-heading');
    const charges = section(page, 'charges-heading');

    // A family member to work on, with a charge.
    await persons.getByRole('button', { name: 'Add a family member' }).click();
    const addPerson = page.getByRole('form', { name: 'Add a family member' });
    await addPerson.getByLabel('Role').selectOption('SIBLING');
    await addPerson.getByLabel('Given name').fill('Samir');
    await addPerson.getByLabel('Family name').fill('Kassab');
    await addPerson.getByRole('button', { name: 'Add person' }).click();
    await page.getByTestId('persons').getByText('Samir Kassab').waitFor();
    await charges.getByRole('button', { name: 'Add a charge' }).click();
    const addCharge = page.getByRole('form', { name: 'Add a charge' });
    await addCharge.getByLabel('Person').selectOption({ label: 'Samir Kassab' });
    await addCharge.getByLabel('Charge', { exact: true }).fill('Unlawful assembly (test)');
    await addCharge.getByLabel('Jurisdiction').fill('LB');
    await addCharge.getByRole('button', { name: 'Add charge' }).click();
    await charges.getByRole('rowheader', { name: 'Unlawful assembly (test)' }).waitFor();

    // Edit the person: the form's own check, then the API's, each next to its field.
    await persons.getByRole('button', { name: 'Edit Samir Kassab' }).click();
    const editPerson = page.getByRole('form', { name: 'Edit Samir Kassab' });
    await editPerson.getByLabel('Given name').fill('Samira');
    await editPerson.getByLabel('Sex').selectOption('F');
    await editPerson.getByLabel('Nationality').fill('L1');
    await editPerson.getByRole('button', { name: 'Save person' }).click();
    await editPerson.getByText('Give a two-letter country code (ISO 3166-1), e.g. KE.').waitFor();
    expect(await editPerson.getByLabel('Nationality').getAttribute('aria-invalid')).toBe('true');
    await editPerson.getByLabel('Nationality').fill('LB');
    await editPerson.getByLabel('Date of birth').fill('2099-01-01');
    await editPerson.getByRole('button', { name: 'Save person' }).click();
    await editPerson.getByText('The date cannot be in the future.').waitFor();
    expect(await editPerson.getByLabel('Date of birth').getAttribute('aria-invalid')).toBe('true');
    await checkScreen(page, 'case-edit-person');
    await editPerson.getByLabel('Date of birth').fill('1990-05-17');
    await editPerson.getByRole('button', { name: 'Save person' }).click();
    await editPerson.waitFor({ state: 'detached' });
    const edited = page.getByTestId('persons').getByRole('row', { name: /Samira Kassab/ });
    await edited.waitFor();
    expect(await edited.textContent()).toContain('Sibling');
    expect(await edited.textContent()).toContain('LB');
    expect(await page.getByTestId('persons').getByText('Samir Kassab', { exact: true }).count()).toBe(0);

    // Edit the charge: a required field left empty, then the partner's view and the outcome.
    await charges.getByRole('button', { name: 'Edit charge: Unlawful assembly (test)' }).click();
    const editCharge = page.getByRole('form', { name: 'Edit charge: Unlawful assembly (test)' });
    await editCharge.getByLabel('Jurisdiction').fill('');
    await editCharge.getByRole('button', { name: 'Save charge' }).click();
    await editCharge.getByText('Required.').waitFor();
    expect(await editCharge.getByLabel('Jurisdiction').getAttribute('aria-invalid')).toBe('true');
    await editCharge.getByLabel('Jurisdiction').fill('LB');
    await editCharge.getByLabel('Charge', { exact: true }).fill('Unlawful assembly at a vigil (test)');
    await editCharge.getByLabel('Outcome').selectOption('DROPPED');
    await editCharge.getByLabel('Partner’s view').selectOption('JUDICIAL_HARASSMENT');
    await editCharge.getByLabel('Partner’s note').fill('Brought after the vigil for a detained journalist.');
    await checkScreen(page, 'case-edit-charge');
    await editCharge.getByRole('button', { name: 'Save charge' }).click();
    await editCharge.waitFor({ state: 'detached' });
    const charge = charges.getByRole('row', { name: /Unlawful assembly at a vigil \(test\)/ });
    await charge.waitFor();
    expect(await charge.textContent()).toContain('Dropped');
    expect(await charge.textContent()).toContain('Judicial harassment (partner’s view)');
    expect(await charge.textContent()).toContain('Samira Kassab');

    // Remove the family member: the confirmation says what follows, and the charge goes too.
    await persons.getByRole('button', { name: 'Remove Samira Kassab' }).click();
    const confirm = page.getByRole('group', { name: 'Remove Samira Kassab from the case?' });
    await confirm.getByText('Their 1 charge(s) are removed with them.').waitFor();
    expect(await seriousViolations(page), 'axe on the removal confirmation').toEqual([]);
    await confirm.getByRole('button', { name: 'Yes, remove Samira Kassab' }).click();
    await page.getByTestId('persons').getByText('Samira Kassab').waitFor({ state: 'detached' });
    await charges.getByText('Unlawful assembly at a vigil (test)').waitFor({ state: 'detached' });
    // The principal is never offered for removal.
    const principal = page.getByTestId('persons').getByRole('row', { name: /Principal applicant/ });
    expect(await principal.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    expect(await principal.getByRole('button', { name: /^Edit / }).count()).toBe(1);
  });

  it('caseworker: a case saved in another tab meanwhile gives CONFLICT; reload keeps the entries; the save succeeds', async () => {
    const first = await freshPage(harness);
    await signIn(first, 'caseworker@fld.demo');
    await openCase(first, { value: 'DRAFT', label: 'Draft' }, 'Front Line Defenders');
    await first.getByRole('link', { name: 'Edit', exact: true }).click();
    await first.getByRole('heading', { name: /^Edit case / }).waitFor();
    await settle(first);
    const editUrl = first.url();

    // The same case's form, open in a second tab (same caseworker, same session).
    const second = await harness.context.newPage();
    await second.goto(editUrl);
    await second.getByRole('heading', { name: /^Edit case / }).waitFor();
    await settle(second);
    expect(await second.getByLabel('Human-rights work').inputValue()).not.toBe('');

    // The first tab saves.
    await first.getByLabel('Human-rights work').fill('Edited in the first tab.');
    await first.getByLabel('Risk', { exact: true }).fill('Threats renewed (first tab).');
    await first.getByRole('button', { name: 'Save', exact: true }).click();
    await first.getByRole('heading', { name: /^Case / }).waitFor();

    // The second tab saves its own changes over the version it loaded: CONFLICT, offering to reload.
    await second.getByLabel('Human-rights work').fill('Edited in the second tab.');
    await second.getByLabel('Urgency').selectOption('EMERGENCY');
    await second.getByRole('button', { name: 'Save', exact: true }).click();
    const alert = second.locator('[data-error-code="CONFLICT"]');
    await alert.getByText('Someone changed this since you opened it.').waitFor();
    await alert.getByText('Reloading keeps what you entered in this form.').waitFor();
    await checkScreen(second, 'case-conflict');

    await alert.getByRole('button', { name: 'Reload' }).click();
    await second.getByTestId('reloaded-notice').getByText('2 field(s) were changed meanwhile').waitFor();
    await alert.waitFor({ state: 'detached' });
    // Untouched here, changed there: the new value. Changed on both sides: this tab's entry, theirs beside it.
    expect(await second.getByLabel('Risk', { exact: true }).inputValue()).toBe('Threats renewed (first tab).');
    expect(await second.getByLabel('Human-rights work').inputValue()).toBe('Edited in the second tab.');
    await second
      .getByText('Also changed meanwhile by someone else, to: “Edited in the first tab.”. Your entry is kept.')
      .waitFor();
    expect(await second.getByLabel('Urgency').inputValue()).toBe('EMERGENCY');
    expect(await seriousViolations(second), 'axe after the reload').toEqual([]);

    await second.getByRole('button', { name: 'Save', exact: true }).click();
    await second.getByRole('heading', { name: /^Case / }).waitFor();
    await settle(second);
    expect(await second.getByTestId('case-facts').textContent()).toContain('Emergency');
    const profile = section(second, 'profile-heading');
    await profile.getByText('Edited in the second tab.').waitFor();
    await profile.getByText('Threats renewed (first tab).').waitFor();
    await second.close();
  });

  it('caseworker: withdraws a case with a reason and sees it withdrawn', async () => {
    const page = await freshPage(harness);
    await signIn(page, 'caseworker@unhcr.demo');
    await openCase(page, { value: 'READY_TO_REFER', label: 'Ready to refer' }, 'UNHCR');
    await page.getByRole('button', { name: 'Withdraw case' }).click();
    const confirm = page.getByRole('button', { name: 'Confirm — Withdraw case' });
    await confirm.click();
    // A reason is required, said next to the field.
    await page.locator('.reason-form').getByText('Required.').waitFor();
    expect(await page.getByLabel('Why is the case withdrawn?').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Why is the case withdrawn?').fill('The defender found protection elsewhere (test).');
    await confirm.click();
    await page.getByTestId('action-done').getByText('The case was withdrawn.').waitFor();
    await page.getByTestId('case-status').getByText('Withdrawn').waitFor();
    // The reason is kept and shown with the case.
    await page.getByTestId('withdrawn').getByText('The defender found protection elsewhere (test).').waitFor();
    await settle(page);
    // A withdrawn case is no longer edited.
    expect(await page.getByRole('link', { name: 'Edit', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Withdraw case' }).count()).toBe(0);
    expect(await seriousViolations(page), 'axe on the withdrawn case').toEqual([]);
  });

  it('caseworker: records a criterion not met and concludes the case not eligible, with its reason', async () => {
    const page = await freshPage(harness);
    await signIn(page, 'caseworker@unhcr.demo');
    await openCase(page, { value: 'IN_ASSESSMENT', label: 'In assessment' }, 'UNHCR');
    const assessment = section(page, 'assessment-heading');
    // Nothing to conclude before a NOT_MET answer is saved.
    expect(await assessment.getByRole('button', { name: 'Conclude: not eligible' }).count()).toBe(0);
    const criterion = page.locator('fieldset[data-criterion="NO_DURABLE_SOLUTION"]');
    await criterion.getByLabel('Not met', { exact: true }).check();
    await criterion.getByLabel('Justification').fill('Local integration is offered and safe (test).');
    await assessment.getByText('save the assessment with the criterion not met').waitFor();
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await assessment.getByText('The assessment was saved.').waitFor();

    const conclude = page.getByTestId('conclude-not-eligible');
    await conclude.getByText('this cannot be undone').waitFor();
    await conclude.getByRole('button', { name: 'Conclude: not eligible' }).click();
    await conclude
      .getByLabel('Why is the case not eligible?')
      .fill('A durable solution exists in the country of asylum.');
    await checkScreen(page, 'case-not-eligible-form');
    await conclude.getByRole('button', { name: 'Confirm — Conclude: not eligible' }).click();
    await page.getByTestId('case-status').getByText('Not eligible').waitFor();
    await page.getByTestId('not-eligible').getByText('A durable solution exists in the country of asylum.').waitFor();
    await settle(page);
    expect(await page.getByRole('button', { name: 'Save assessment' }).count()).toBe(0);
    expect(await seriousViolations(page), 'axe on the case concluded not eligible').toEqual([]);
  });

  it('caseworker: overrides CONSENT with a stated reason, told it is audited; the case becomes ready to refer; taking the override back makes it not ready', async () => {
    const page = await freshPage(harness);
    await signIn(page, 'caseworker@fld.demo');
    await openCase(page, { value: 'IN_ASSESSMENT', label: 'In assessment' }, 'Front Line Defenders');
    for (const criterion of CRITERIA) {
      const fieldset = page.locator(`fieldset[data-criterion="${criterion}"]`);
      if (criterion === 'CONSENT') {
        await fieldset.getByLabel('Unknown', { exact: true }).check();
        await fieldset.getByLabel('Justification').fill('');
        continue;
      }
      await fieldset.getByLabel('Met', { exact: true }).check();
      await fieldset.getByLabel('Justification').fill(`Verified: ${criterion.toLowerCase()} (test).`);
    }
    const override = page.getByTestId('consent-override');
    await override
      .getByText(
        'The override is recorded in the case’s audit trail, with your name; its reason is kept with the assessment.',
      )
      .waitFor();
    await override.getByLabel('Override: count consent as met without the usual record').check();
    await override.getByLabel('Reason for the override').fill('Unsafe');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await override.getByText('State the reason in at least 10 characters.').waitFor();
    expect(await override.getByLabel('Reason for the override').getAttribute('aria-invalid')).toBe('true');
    await override
      .getByLabel('Reason for the override')
      .fill('The principal is in detention; consent was given orally to the lawyer (test).');
    await checkScreen(page, 'case-consent-override');
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByTestId('case-status').getByText('Ready to refer').waitFor();
    await override.getByText('Consent overridden: counted as met.').waitFor();
    await settle(page);
    expect(await section(page, 'assessment-heading').textContent()).toContain('6 of 6 criteria met');
    // The reason stays on record, and the change is in the audit trail.
    expect(await override.getByLabel('Reason for the override').inputValue()).toBe(
      'The principal is in detention; consent was given orally to the lawyer (test).',
    );
    await section(page, 'audit-heading').getByText('assessment.record').first().waitFor();

    // Consent is refused after all: the override is taken back, and the case is no longer ready.
    const keep = override.getByLabel('Keep the override (consent counted as met)');
    expect(await keep.isChecked()).toBe(true);
    await keep.uncheck();
    await override.getByText('Saving takes the override back: consent counts by its own answer again').waitFor();
    expect(await override.getByLabel('Reason for the override').count()).toBe(0);
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByTestId('case-status').getByText('In assessment').waitFor();
    await settle(page);
    expect(await override.getByText('Consent overridden: counted as met.').count()).toBe(0);
    expect(await section(page, 'assessment-heading').textContent()).toContain('5 of 6 criteria met');
    expect(await override.getByLabel('Override: count consent as met without the usual record').isChecked()).toBe(
      false,
    );
    expect(await seriousViolations(page), 'axe after the override is taken back').toEqual([]);
  });

  it('IRCC officer: approves a file whose checks all passed, moves it to travel and records the arrival', async () => {
    const page = await freshPage(harness);
    await signIn(page, 'officer2@ircc.demo');
    await go(page, 'Queue');
    await page.getByLabel('Show').selectOption('mine');
    const row = page
      .locator('tbody tr')
      .filter({ has: page.locator('td', { hasText: /^Decision$/ }) })
      .first();
    await row.waitFor();
    const reference = (await row.locator('th').textContent())?.trim() ?? '';
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: `Case ${reference}` }).waitFor();
    await page.getByTestId('file-stage').getByText('Decision').waitFor();
    await settle(page);
    // Every check has passed: the approval is not held back.
    const checks = page.getByTestId('checks');
    expect(await checks.getByText('Passed', { exact: true }).count()).toBe(4);
    expect(await page.getByTestId('checks-not-passed').count()).toBe(0);

    const decision = page.getByRole('form', { name: 'Record the decision' });
    await decision.getByLabel('Approved', { exact: true }).check();
    await decision.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByTestId('ircc-done').getByText('Decision recorded: Approved.').waitFor();
    await page.getByTestId('file-stage').getByText('Approved').waitFor();
    await page.getByTestId('case-status').getByText('Approved').waitFor();
    await settle(page);
    await checkScreen(page, 'ircc-decision-approved');

    await page.getByRole('button', { name: 'Move to Travel' }).click();
    await page.getByTestId('file-stage').getByText('Travel').waitFor();
    const arrival = page.getByRole('form', { name: 'Record arrival in Canada' });
    // Not in the future, said next to the field.
    await arrival.getByLabel('Arrival date').fill('2099-12-31');
    await arrival.getByRole('button', { name: 'Record arrival in Canada' }).click();
    await arrival.getByText('The arrival date cannot be in the future.').waitFor();
    expect(await arrival.getByLabel('Arrival date').getAttribute('aria-invalid')).toBe('true');
    await arrival.getByLabel('Arrival date').fill(new Date().toISOString().slice(0, 10));
    await checkScreen(page, 'ircc-arrival');
    await arrival.getByRole('button', { name: 'Record arrival in Canada' }).click();
    await page.getByTestId('ircc-done').getByText('The arrival was recorded.').waitFor();
    await page.getByTestId('file-stage').getByText('Arrived').waitFor();
    await page.getByTestId('case-status').getByText('Arrived').waitFor();
  });

  it('caseworker answers an IRCC information request; the officer reads the answer', async () => {
    const answer = 'The latest threats were on 3 and 9 March, reported to the police (test).';
    const caseworker = await freshPage(harness);
    await signIn(caseworker, 'caseworker@pd.demo');
    await go(caseworker, 'Information requests');
    const open = caseworker.locator('li.request').filter({ hasText: 'Please confirm the dates' }).first();
    await open.waitFor();
    const reference = (await open.getByRole('link').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^PD-/);
    await open.getByRole('button', { name: 'Answer' }).click();
    await open.getByLabel(`Your answer about ${reference}`).fill(answer);
    await checkScreen(caseworker, 'request-answer');
    await open.getByRole('button', { name: 'Confirm — Answer' }).click();
    // Answered, it leaves the open requests.
    await caseworker.locator('li.request', { hasText: reference }).waitFor({ state: 'detached' });
    await caseworker.getByLabel('Show').selectOption('ANSWERED');
    await caseworker.locator('li.request', { hasText: reference }).getByText(answer).waitFor();

    const officer = await freshPage(harness);
    await signIn(officer, 'officer@ircc.demo');
    await go(officer, 'Information requests');
    await officer.getByLabel('Show').selectOption('ANSWERED');
    const answered = officer.locator('li.request', { hasText: reference });
    await answered.getByText(answer).waitFor();
    await answered.getByRole('link', { name: reference }).click();
    await officer.getByRole('heading', { name: `Case ${reference}` }).waitFor();
    await section(officer, 'requests-heading').getByText(answer).waitFor();
    await settle(officer);
    // No longer deferred: nothing is waiting for the partner.
    expect(await officer.getByTestId('case-facts').getByText('Deferred: information requested').count()).toBe(0);
  });
});
