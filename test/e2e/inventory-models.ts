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

/** A chart of issue 20 (ChartBox + @mui/x-charts): its SVG series and axis labels. */
export class ChartModel {
  readonly root: Locator;
  constructor(page: Page, testId: string) {
    this.root = page.getByTestId(testId);
  }

  /** Drawn: an SVG inside, no longer loading. */
  async drawn(): Promise<void> {
    await expect(this.root.locator('svg').first()).toBeVisible();
    await expect(this.root).toHaveAttribute('aria-busy', 'false');
  }

  /** The bar series drawn, by id. */
  barSeries(): Promise<(string | null)[]> {
    return this.root.locator('.MuiBarChart-series').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-series')));
  }

  /** Bars of a series with a visible length (zero values draw nothing). */
  drawnBars(series: string): Promise<number> {
    return this.root
      .locator(`.MuiBarChart-series[data-series="${series}"] .MuiBarChart-element`)
      .evaluateAll((bars) => bars.filter((b) => { const r = (b as SVGGraphicsElement).getBBox(); return r.width > 0.5 && r.height > 0.5; }).length);
  }

  /** The line series drawn, by id. */
  lineSeries(): Promise<(string | null)[]> {
    return this.root.locator('path.MuiLineChart-line').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-series')));
  }

  /** The x axis's tick labels. */
  xLabels(): Promise<string[]> {
    return this.root.locator('.MuiChartsAxis-directionX .MuiChartsAxis-tickLabel').allTextContents();
  }
}

export class FefoCompliancePageModel {
  constructor(private readonly page: Page) {}

  async open(from: string, to: string): Promise<void> {
    await goTo(this.page, `/inventory/fefo-compliance?from=${from}&to=${to}`);
    await expect(this.result).toBeVisible();
  }

  get result() {
    return this.page.getByTestId('compliance-result');
  }

  get rows() {
    return this.page.getByTestId('compliance-violation');
  }

  get itemRows() {
    return this.page.getByTestId('compliance-item');
  }

  /** The count in the "Violations (n)" heading. */
  async violationCount(): Promise<number> {
    const text = await this.page.getByRole('heading', { name: /^Violations \(/ }).textContent();
    return Number(/\(([\d,]+)\)/.exec(text ?? '')![1]!.replace(/,/g, ''));
  }

  async setItem(item: string): Promise<void> {
    await this.page.getByTestId('compliance-item-field').fill(item);
    await this.page.getByTestId('compliance-item-field').press('Enter');
  }
}

export class Fsma204PageModel {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await goTo(this.page, '/fsma204');
    await expect(this.page.getByTestId('fsma204-page')).toBeVisible();
  }

  get lots() {
    return this.page.getByTestId('fsma-lots');
  }

  get from() {
    return this.page.getByTestId('fsma-from');
  }

  get to() {
    return this.page.getByTestId('fsma-to');
  }

  get unknown() {
    return this.page.getByTestId('fsma-unknown');
  }

  get fileName() {
    return this.page.getByTestId('fsma-file-name');
  }

  count(cte: 'Receiving' | 'Transformation' | 'Shipping') {
    return this.page.getByTestId(`fsma-count-${cte}`);
  }
}
