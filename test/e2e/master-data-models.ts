/** Page model of the master-data page, kept out of the spec. */
import { expect, type Locator, type Page } from '@playwright/test';
import { goTo } from './fixtures';

export class MasterDataPageModel {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await goTo(this.page, '/master-data');
    await expect(this.page.getByTestId('master-data-page')).toBeVisible();
  }

  get gapsSummary(): Locator {
    return this.page.getByTestId('master-data-gaps');
  }

  get saved(): Locator {
    return this.page.getByTestId('master-data-saved');
  }

  partyRow(party: string, location = ''): Locator {
    return this.page.locator(`[data-testid="party-row"][data-party="${party}"][data-location="${location}"]`);
  }

  itemRow(item: string): Locator {
    return this.page.locator(`[data-testid="item-row"][data-item="${item}"]`);
  }

  /** Party rows as "party / location: gaps". */
  async partyGaps(): Promise<string[]> {
    return this.page.getByTestId('party-row').evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-party')} / ${tr.getAttribute('data-location')}: ${tr.getAttribute('data-gaps')}`));
  }

  async showOnlyGaps(): Promise<void> {
    await this.page.getByTestId('only-gaps').check();
  }

  /** Opens a row's edit form, fills the fields given and the reason, and saves. */
  async edit(row: Locator, button: 'party-edit' | 'item-edit', fields: Record<string, string | boolean>, reason: string): Promise<void> {
    await row.getByTestId(button).click();
    const form = this.page.getByTestId('master-data-edit');
    for (const [key, value] of Object.entries(fields)) {
      const input = form.getByTestId(`edit-${key}`);
      if (typeof value === 'boolean') await input.setChecked(value);
      else await input.fill(value);
    }
    await form.getByTestId('edit-reason').fill(reason);
    await this.page.getByTestId('edit-save').click();
  }
}
