/** Page models of the inventory, FEFO and supplier pages, kept out of the spec. */
import { expect, type Locator, type Page } from '@playwright/test';
import { goTo } from './fixtures';

/** A table body as rows of trimmed cell texts. */
async function cells(rows: Locator): Promise<string[][]> {
  return rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll(':scope > td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim())));
}

export class FefoPageModel {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await goTo(this.page, '/inventory/fefo');
    await expect(this.page.getByTestId('fefo-page')).toBeVisible();
  }

  async pick(o: { item: string; quantity: string; location?: string; at?: string; uom?: string }): Promise<void> {
    await this.page.getByTestId('fefo-item').fill(o.item);
    await this.page.getByTestId('fefo-quantity').fill(o.quantity);
    await this.page.getByTestId('fefo-uom').fill(o.uom ?? '');
    await this.page.getByTestId('fefo-location').fill(o.location ?? '');
    await this.page.getByTestId('fefo-at').fill(o.at ?? '');
    await this.page.getByTestId('fefo-submit').click();
  }

  get result() {
    return this.page.getByTestId('fefo-result');
  }

  get short() {
    return this.page.getByTestId('fefo-short');
  }

  get covered() {
    return this.page.getByTestId('fefo-covered');
  }

  /** Pick rows as [#, lot, quantity, unit, expires, location]. */
  picks(): Promise<string[][]> {
    return cells(this.page.getByTestId('fefo-pick'));
  }

  /** Skipped rows as [lot, location, on hand, unit, expires, why]. */
  skipped(): Promise<string[][]> {
    return cells(this.page.getByTestId('fefo-skip'));
  }
}

export class SuppliersPageModel {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await goTo(this.page, '/suppliers');
    await expect(this.page.getByTestId('scorecard-table')).toBeVisible();
  }

  /** Scorecard rows as [expander, supplier, received, on hold, quarantined, rejected, recalled, in recalls, flagged, share]. */
  scorecard(): Promise<string[][]> {
    return cells(this.page.getByTestId('scorecard-row'));
  }

  async expand(supplier: string): Promise<void> {
    await this.page.getByRole('button', { name: `Show the flagged lots of ${supplier}` }).click();
  }

  /** Flagged lots listed under expanded suppliers as [item, lot, ever, in recalls, status now]. */
  flaggedLots(): Promise<string[][]> {
    return cells(this.page.getByTestId('scorecard-lot'));
  }

  leadTimes(): Promise<string[][]> {
    return cells(this.page.getByTestId('lead-time-row'));
  }
}

export class OnHandPageModel {
  constructor(private readonly page: Page) {}

  async open(at: string): Promise<void> {
    await goTo(this.page, `/inventory?at=${at}`);
    await expect(this.page.getByTestId('onhand-table')).toBeVisible();
  }

  /** Item rows as [expander, item, lots, on hand, available, blocked, expired, unit, expiry]. */
  items(): Promise<string[][]> {
    return cells(this.page.getByTestId('onhand-item'));
  }

  async expandAll(): Promise<void> {
    await this.page.getByRole('button', { name: 'Expand all' }).click();
  }

  line(lot: string, location: string) {
    return this.page.locator(`[data-testid="onhand-line"][data-lot="${lot}"][data-location="${location}"]`);
  }
}
