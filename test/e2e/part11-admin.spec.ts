/**
 * The admin side of Part 11 in the app, end to end in browser mode: an
 * admin signs in, sees the Users, Settings and Reports pages in the navigation, adds a user
 * (the passwords must match; the engine's minimum length is enforced), gets
 * a lot traceability report, verifies the PDF on the Reports page (an
 * altered copy does not verify) and approves it with an electronic
 * signature (a wrong password stores nothing); the new QA manager signs in,
 * does not see the admin pages and signs the report "reviewed"; the admin
 * turns Part 11 mode off with a signature. Screenshots go to
 * test-results/part11-admin/.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, goTo, test, type AccountSetup } from './fixtures';
import { ReportsPageModel, SettingsPageModel, UsersPageModel } from './admin-models';
import { SignatureDialogModel, SignInModel, UserBarModel } from './part11-models';

const SHOTS = fileURLToPath(new URL('../../test-results/part11-admin/', import.meta.url));
const shot = (name: string): string => join(SHOTS, `${name}.png`);

const BEA: AccountSetup = { users: [{ name: 'bea', role: 'admin', password: 'admin password 123', display_name: 'Bea Boss' }], part11: true };

test.use({ accounts: BEA });

test('admin adds a user, verifies an issued report PDF and approves it; the new QA manager reviews it; Part 11 off is signed', async ({ app, page }, testInfo) => {
  void app;
  await new SignInModel(page).signIn('bea', 'admin password 123');
  const bar = new UserBarModel(page);
  await expect(bar.role).toHaveText('Admin');
  for (const tab of ['Reports', 'Users', 'Settings']) await expect(page.getByTestId('side-nav').getByRole('link', { name: tab, exact: true })).toBeVisible();

  // Users: add a QA manager; mismatched and short passwords are stopped.
  await page.getByTestId('side-nav').getByRole('link', { name: 'Users', exact: true }).click();
  const users = new UsersPageModel(page);
  await expect(users.row('bea')).toContainText('Admin');
  await users.fillNewUser('quinn', 'Quinn Quality', 'QA manager', 'qa manager password', 'qa manager passwort');
  await expect(users.addForm).toContainText('The two passwords differ');
  await expect(users.submit).toBeDisabled();
  await users.fillNewUser('quinn', 'Quinn Quality', 'QA manager', 'too short', 'too short');
  await users.submit.click();
  await expect(page.getByRole('alert').filter({ hasText: 'at least 12 characters' })).toBeVisible();
  await expect(users.row('quinn')).toHaveCount(0);
  await users.fillNewUser('quinn', 'Quinn Quality', 'QA manager', 'qa manager password');
  await users.submit.click();
  await expect(users.notice).toContainText('User quinn (Quinn Quality, qa-manager) added');
  await expect(users.row('quinn')).toContainText('QA manager');
  await expect(users.row('quinn')).toContainText('active');
  await expect(users.row('quinn')).toContainText('by bea');
  await page.screenshot({ path: shot('1-users'), fullPage: true });

  // An issued report: the lot traceability report of FLOUR / A100, downloaded.
  await goTo(page, '/lots/FLOUR/A100');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lot-trace-report').click()]);
  const pdf = testInfo.outputPath('lot-trace.pdf');
  await download.saveAs(pdf);
  const altered = testInfo.outputPath('lot-trace-altered.pdf');
  writeFileSync(altered, Buffer.concat([readFileSync(pdf), Buffer.from('\n% edited\n')]));

  // Reports: the PDF verifies (the CLI's answer), an altered copy does not.
  await page.getByTestId('side-nav').getByRole('link', { name: 'Reports', exact: true }).click();
  const reports = new ReportsPageModel(page);
  await expect(reports.root).toBeVisible();
  await reports.verify(altered);
  await expect(reports.result).toHaveAttribute('data-verified', 'no');
  await expect(reports.result).toContainText('lot-trace-altered.pdf: does NOT verify');
  await page.screenshot({ path: shot('2-verify-altered') });
  await reports.verify(pdf);
  await expect(reports.result).toHaveAttribute('data-verified', 'yes');
  await expect(reports.result).toContainText(/lot-trace\.pdf: verified — exactly the lot traceability report R-[0-9A-F]{12} issued from this database/);
  await expect(reports.facts).toContainText('lot traceability report of FLOUR / A100');
  await expect(reports.facts).toContainText('by bea');
  await expect(reports.facts).toContainText('the current data gives the same fingerprint');
  await expect(reports.facts).toContainText('none');
  const reportId = /R-[0-9A-F]{12}/.exec((await reports.result.textContent())!)![0];
  await page.screenshot({ path: shot('3-verify-ok'), fullPage: true });

  // Approve it from the list: a wrong password stores nothing, the right one signs.
  await expect(reports.row(reportId)).toContainText('FLOUR / A100');
  await reports.row(reportId).getByTestId('report-approve').click();
  const dialog = new SignatureDialogModel(page);
  await expect(dialog.signing).toContainText(reportId);
  await expect(dialog.signer).toHaveText('Bea Boss (bea)');
  await expect(dialog.meaning).toHaveValue('approved');
  await dialog.sign('wrong password here');
  await expect(dialog.error).toContainText('wrong user name or password');
  await expect(reports.row(reportId)).not.toContainText('Bea Boss');
  await dialog.sign('admin password 123');
  await expect(dialog.root).toBeHidden();
  await expect(reports.approved).toContainText(`lot traceability report ${reportId} signed "approved" by Bea Boss`);
  await expect(reports.row(reportId)).toContainText('approved: Bea Boss');
  await page.screenshot({ path: shot('4-approved'), fullPage: true });

  // The new QA manager: no admin tabs; reviews the verified file with a signature.
  await bar.signOut();
  await new SignInModel(page).signIn('quinn', 'qa manager password');
  await expect(bar.role).toHaveText('QA manager');
  await expect(page.getByTestId('side-nav').getByRole('link', { name: 'Reports', exact: true })).toBeVisible();
  await expect(page.getByTestId('side-nav').getByRole('link', { name: 'Users', exact: true })).toHaveCount(0);
  await expect(page.getByTestId('side-nav').getByRole('link', { name: 'Settings', exact: true })).toHaveCount(0);
  await page.getByTestId('side-nav').getByRole('link', { name: 'Reports', exact: true }).click();
  await reports.verify(pdf);
  await expect(reports.facts).toContainText(/approved by Bea Boss \(bea\) at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+ \(.+\): valid/);
  await page.getByTestId('report-verify-approve').click();
  await reports.chooseMeaning('reviewed');
  await expect(dialog.meaning).toHaveValue('reviewed');
  await dialog.sign('qa manager password');
  await expect(reports.approved).toContainText(`signed "reviewed" by Quinn Quality`);
  await expect(reports.facts).toContainText('reviewed by Quinn Quality (quinn)');
  await expect(reports.row(reportId)).toContainText('reviewed: Quinn Quality');
  await page.screenshot({ path: shot('5-reviewed'), fullPage: true });

  // Settings: Part 11 mode off needs the admin's signature.
  await bar.signOut();
  await new SignInModel(page).signIn('bea', 'admin password 123');
  await page.getByTestId('side-nav').getByRole('link', { name: 'Settings', exact: true }).click();
  const settings = new SettingsPageModel(page);
  await expect(settings.state).toHaveAttribute('data-state', 'on');
  await settings.turnOff.click();
  await page.getByTestId('part11-off-reason').fill('validation finished');
  await dialog.sign('not the admin password');
  await expect(dialog.error).toContainText('wrong user name or password');
  await page.screenshot({ path: shot('6-part11-off-refused') });
  await expect(settings.state).toHaveAttribute('data-state', 'on');
  await dialog.sign('admin password 123');
  await expect(settings.state).toHaveAttribute('data-state', 'off');
  await expect(page.getByTestId('settings-notice')).toContainText('Part 11 mode is off');
  await page.screenshot({ path: shot('7-part11-off') });

  // All of it is in the audit trail.
  await goTo(page, '/audit');
  const table = page.getByTestId('audit-table');
  for (const action of ['user.add', 'signature', 'report.issue', 'part11.off']) await expect(table.locator(`tr[data-action="${action}"]`).first()).toBeVisible();
  // Paged by the engine: the total of the filtered trail, newest first.
  await expect(page.getByTestId('audit-entries')).toContainText(/[\d,]+ entries, newest first/);
  await expect(table.locator('tbody tr[data-entry]').first()).toHaveAttribute('data-action', 'signature');
  await page.screenshot({ path: shot('8-audit-trail') });
});
