/** Page models of the recall workspace: where things are on the recall, start and root-cause pages. */
import { expect, type Page } from '@playwright/test';

export class StartRecallModel {
  constructor(private readonly page: Page) {}

  async pickLot(testId: string, text: string, option: string): Promise<void> {
    const input = this.page.getByTestId(testId).getByRole('combobox');
    await input.fill(text);
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  chips(testId: string) {
    return this.page.getByTestId(testId).locator('.MuiChip-label');
  }

  /** Chooses the recall class (none is preselected). */
  async chooseClass(cls: 'I' | 'II' | 'III'): Promise<void> {
    await this.page.getByTestId('recall-class').getByRole('radio', { name: new RegExp(`^${cls} —`) }).check();
  }

  /** The scope preview shown before the recall can be opened. */
  get preview() {
    return this.page.getByTestId('recall-preview');
  }

  /** Fills the 21 CFR 7.46(a) facts a real recall needs. */
  async fillFacts(): Promise<void> {
    const fill = (key: string, value: string) => this.page.getByTestId(`fact-${key}`).fill(value);
    await fill('contact_name', 'Anna Quality');
    await fill('contact_title', 'QA Manager');
    await fill('contact_phone', '+1 312 555 0100');
    await fill('discovered_on', '2026-03-14');
    await fill('hazard', 'Salmonella may cause serious illness');
    await fill('hazard_by', 'Dr. B. Hazard');
    await fill('hazard_on', '2026-03-14');
    await this.select('Public warning', /^General/);
    await this.select('Effectiveness checks (21 CFR 7.42(b)(3))', /^A —/);
  }

  private async select(label: string, option: RegExp): Promise<void> {
    await this.page.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option }).click();
  }
}

export class RecallPageModel {
  constructor(private readonly page: Page) {}

  /** Picks a notification method in the follow-up dialog (or the bulk dialog: testId bulk-method). */
  async chooseMethod(label: string, testId = 'event-method'): Promise<void> {
    await this.page.getByTestId(testId).click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }

  get code() {
    return this.page.getByTestId('recall-code');
  }

  get elapsed() {
    return this.page.getByTestId('recall-elapsed');
  }

  get state() {
    return this.page.getByTestId('recall-state');
  }

  /** Opens a tab of the recall page: summary, on-hand, consignees or lots. */
  async tab(key: 'summary' | 'on-hand' | 'consignees' | 'lots'): Promise<void> {
    await this.page.getByTestId(`recall-tab-${key}`).click();
    await expect(this.page.getByTestId(`recall-tab-${key}`)).toHaveAttribute('aria-selected', 'true');
  }

  async lotKeys(): Promise<string[]> {
    return this.page.getByTestId('affected-lots').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lot') ?? ''));
  }

  lotRow(key: string) {
    return this.page.locator(`[data-testid="affected-lots"] tr[data-lot="${key}"]`);
  }

  /** Each consignee row as "customer/ship to | shipped". */
  async consignees(): Promise<string[]> {
    return this.page
      .getByTestId('consignees')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-consignee')} | ${r.querySelectorAll('td')[3]?.textContent ?? ''}`));
  }

  /** The mock recall's reconciliation rows as "stage/unit | lots | in | ... | accounted". */
  async mockStages(): Promise<string[]> {
    return this.page
      .getByTestId('mock-reconciliation')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-stage') ?? '', ...[...r.querySelectorAll('td')].slice(2).map((td) => td.textContent ?? '')].join(' | ')));
  }

  /** The consignee table's rows ("customer/ship-to"), as the engine paged and filtered them. */
  async consigneeKeys(): Promise<string[]> {
    return this.page.locator('[data-testid="consignees"] tr[data-consignee]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-consignee') ?? ''));
  }

  /** Filters the consignee table by follow-up stage (the select's option label). */
  async followUpFilter(label: string): Promise<void> {
    await this.page.getByTestId('consignees-follow-up').click();
    await this.page.getByRole('option', { name: label, exact: true }).click();
  }

  consigneeRow(key: string) {
    return this.page.locator(`[data-testid="consignees"] tr[data-consignee="${key}"]`);
  }

  async holdAll(): Promise<void> {
    await this.page.getByTestId('hold-all').click();
    await this.page.getByTestId('hold-confirm').click();
    await expect(this.page.getByTestId('hold-result')).toBeVisible({ timeout: 60_000 });
  }

  async complete(corrective: string): Promise<void> {
    await this.page.getByTestId('complete-recall').click();
    await this.page.getByLabel('Corrective actions').fill(corrective);
    await this.page.getByTestId('complete-confirm').click();
  }
}
