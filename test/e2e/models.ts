/** Page models: where things are on each page, kept out of the specs. */
import { expect, type Page } from '@playwright/test';

export class LotsPageModel {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    // Ctrl+K from anywhere jumps to the lot search.
    await this.page.keyboard.press('Control+k');
    await expect(this.search).toBeFocused();
  }

  get search() {
    return this.page.getByTestId('lot-search');
  }

  rows() {
    return this.page.getByTestId('lot-row');
  }

  async find(text: string): Promise<void> {
    await this.search.fill(text);
  }

  async rowKeys(): Promise<string[]> {
    return this.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lot') ?? ''));
  }
}

export class LotPageModel {
  constructor(private readonly page: Page) {}

  get title() {
    return this.page.getByTestId('lot-title');
  }

  get status() {
    return this.page.getByTestId('lot-status');
  }

  async changeStatus(button: string, reason: string): Promise<void> {
    await this.page.getByRole('button', { name: button }).click();
    await this.page.getByTestId('status-reason').fill(reason);
    await this.page.getByTestId('status-confirm').click();
  }

  historyRows() {
    return this.page.getByTestId('status-history').locator('tbody tr');
  }

  timelineEvents() {
    return this.page.getByTestId('timeline').locator('tbody tr');
  }
}

export interface GraphNode {
  id: string;
  label: string;
  kind: string;
  status?: string;
}

export class GraphModel {
  constructor(private readonly page: Page) {}

  get container() {
    return this.page.getByTestId('genealogy-graph');
  }

  async ready(): Promise<void> {
    await expect(this.container).toHaveAttribute('data-state', 'ready');
  }

  async nodeIds(): Promise<string[]> {
    await this.ready();
    return this.page.evaluate(() => (window as unknown as { __lottraceGraph: { nodeIds(): string[] } }).__lottraceGraph.nodeIds().slice().sort());
  }

  async nodes(): Promise<GraphNode[]> {
    await this.ready();
    return this.page.evaluate(() => (window as unknown as { __lottraceGraph: { nodes(): GraphNode[] } }).__lottraceGraph.nodes());
  }

  async expand(id: string): Promise<void> {
    await this.page.evaluate((nodeId) => (window as unknown as { __lottraceGraph: { expand(id: string): unknown } }).__lottraceGraph.expand(nodeId), id);
  }
}
