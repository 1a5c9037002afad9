import type { Page } from 'playwright-core';
import { waitFor } from './fixtures';

/**
 * Submits the console form `#id` and waits for the page it leads to; when the API refuses, fails
 * with the messages the form shows beside its fields.
 */
export async function submitForm(page: Page, formId: string): Promise<void> {
  const form = page.locator(`#${formId}`);
  const navigated = page.waitForEvent('framenavigated').then(
    () => 'navigated' as const,
    () => 'gone' as const,
  );
  const refused = form
    .locator('.field-error, .form-error:not(:empty)')
    .first()
    .waitFor()
    .then(
      () => 'refused' as const,
      () => 'gone' as const,
    );
  await page.click(`#${formId} button[type="submit"]`);
  if ((await Promise.race([navigated, refused])) === 'refused') {
    const shown = await form.locator('.field-error, .form-error').allTextContents();
    throw new Error(`${formId} refused: ${shown.join(' | ')}`);
  }
  await page.waitForLoadState('load');
}

/** Opens the case page once the workflow has reached the step whose form is `formId`. */
export async function openCaseForm(page: Page, caseNo: string, formId: string): Promise<void> {
  await waitFor(async () => {
    await page.goto(`/cases/${caseNo}`);
    return (await page.locator(`#${formId}`).count()) > 0;
  }, `form ${formId} on ${caseNo}`);
}
