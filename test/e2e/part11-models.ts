/** Page models of the Part 11 flow: first run, sign-in, the app bar's user, the signature dialog and the audit trail page. */
import { expect, type Page } from '@playwright/test';

export class FirstRunModel {
  constructor(private readonly page: Page) {}

  get root() {
    return this.page.getByTestId('first-run-page');
  }

  async fill(name: string, display: string, password: string, again = password): Promise<void> {
    await this.page.getByTestId('first-run-name').fill(name);
    await this.page.getByTestId('first-run-display').fill(display);
    await this.page.getByTestId('first-run-password').fill(password);
    await this.page.getByTestId('first-run-password-again').fill(again);
  }

  get part11() {
    return this.page.getByTestId('first-run-part11');
  }

  get submit() {
    return this.page.getByTestId('first-run-submit');
  }
}

export class SignInModel {
  constructor(private readonly page: Page) {}

  get root() {
    return this.page.getByTestId('sign-in-page');
  }

  get error() {
    return this.page.getByTestId('sign-in-error');
  }

  get notice() {
    return this.page.getByTestId('sign-in-notice');
  }

  async signIn(name: string, password: string): Promise<void> {
    await expect(this.root).toBeVisible();
    await this.page.getByTestId('sign-in-name').fill(name);
    await this.page.getByTestId('sign-in-password').fill(password);
    await this.page.getByTestId('sign-in-submit').click();
  }
}

export class UserBarModel {
  constructor(private readonly page: Page) {}

  get user() {
    return this.page.getByTestId('signed-in-user');
  }

  get role() {
    return this.page.getByTestId('signed-in-role');
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('sign-out').click();
  }
}

export class SignatureDialogModel {
  constructor(private readonly page: Page) {}

  get root() {
    return this.page.getByTestId('signature-dialog');
  }

  get signing() {
    return this.page.getByTestId('signature-signing');
  }

  get signer() {
    return this.page.getByTestId('signature-signer');
  }

  get meaning() {
    return this.page.getByTestId('signature-meaning');
  }

  get error() {
    return this.page.getByTestId('signature-error');
  }

  async sign(password: string): Promise<void> {
    await this.page.getByTestId('signature-password').fill(password);
    await this.page.getByTestId('signature-confirm').click();
  }
}

export class AuditPageModel {
  constructor(private readonly page: Page) {}

  get root() {
    return this.page.getByTestId('audit-page');
  }

  rows() {
    return this.page.getByTestId('audit-table').locator('tbody tr[data-entry]');
  }

  async filterByLot(lot: string): Promise<void> {
    await this.page.getByTestId('audit-filter-lot').fill(lot);
    await this.page.getByTestId('audit-apply').click();
  }

  get verifyResult() {
    return this.page.getByTestId('audit-verify-result');
  }

  async verify(): Promise<void> {
    await this.page.getByTestId('audit-verify').click();
  }

  get exportCsv() {
    return this.page.getByTestId('audit-export-csv');
  }

  get exportPdf() {
    return this.page.getByTestId('audit-export-pdf');
  }
}
