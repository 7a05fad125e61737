/** Page models of the admin pages: users, settings (Part 11 mode) and reports (verify, issued list, approval). */
import type { Page } from '@playwright/test';

export class UsersPageModel {
  constructor(private readonly page: Page) {}

  get root() {
    return this.page.getByTestId('users-page');
  }

  get notice() {
    return this.page.getByTestId('users-notice');
  }

  get addForm() {
    return this.page.getByTestId('user-add');
  }

  get submit() {
    return this.page.getByTestId('user-add-submit');
  }

  row(name: string) {
    return this.page.locator(`[data-testid="users-table"] tr[data-user="${name}"]`);
  }

  async fillNewUser(name: string, display: string, roleLabel: string, password: string, again = password): Promise<void> {
    await this.page.getByTestId('user-add-name').fill(name);
    await this.page.getByTestId('user-add-display').fill(display);
    await this.addForm.getByRole('combobox').click();
    await this.page.getByRole('option', { name: roleLabel, exact: true }).click();
    await this.page.getByTestId('user-add-password').fill(password);
    await this.page.getByTestId('user-add-password2').fill(again);
  }
}

export class ReportsPageModel {
  constructor(private readonly page: Page) {}

  get root() {
    return this.page.getByTestId('reports-page');
  }

  get result() {
    return this.page.getByTestId('report-verify-result');
  }

  get facts() {
    return this.page.getByTestId('report-verify-facts');
  }

  get approved() {
    return this.page.getByTestId('report-approved');
  }

  async verify(file: string): Promise<void> {
    await this.page.getByTestId('report-verify-file').setInputFiles(file);
  }

  row(reportId: string) {
    return this.page.locator(`[data-testid="issued-reports-table"] tr[data-report="${reportId}"]`);
  }

  async chooseMeaning(meaning: string): Promise<void> {
    await this.page.getByTestId('signature-dialog').getByRole('combobox').click();
    await this.page.getByRole('option', { name: meaning, exact: true }).click();
  }
}

export class SettingsPageModel {
  constructor(private readonly page: Page) {}

  get state() {
    return this.page.getByTestId('part11-state');
  }

  get turnOff() {
    return this.page.getByTestId('part11-off');
  }

  get turnOn() {
    return this.page.getByTestId('part11-on');
  }
}
