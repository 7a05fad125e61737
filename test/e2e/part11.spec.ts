/**
 * 21 CFR Part 11 in the app, end to end in browser mode: the first run
 * creates the admin and turns Part 11 mode on; sign-in refuses a wrong
 * password with a clear message and keeps the page the user asked for; a
 * release is signed in the signature dialog (a wrong password stores
 * nothing) and the signature shows on the lot page, INVALID once the signed
 * record is edited in the file; a recall's opening and closing are signed
 * and listed on its page; the audit trail page
 * filters by lot, verifies the chain and exports CSV (read back) and PDF;
 * the app signs out after the idle time (shortened with
 * LOTTRACE_IDLE_MINUTES) and comes back to the same page. Screenshots go to
 * test-results/part11/.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, goTo, test, type AccountSetup } from './fixtures';
import { LotPageModel } from './models';
import { StartRecallModel } from './recall-models';
import { AuditPageModel, FirstRunModel, SignatureDialogModel, SignInModel, UserBarModel } from './part11-models';

const SHOTS = fileURLToPath(new URL('../../test-results/part11/', import.meta.url));
const shot = (name: string): string => join(SHOTS, `${name}.png`);

const QUINN: AccountSetup = {
  users: [
    { name: 'bea', role: 'admin', password: 'admin password 123', display_name: 'Bea Boss' },
    { name: 'quinn', role: 'qa-manager', password: 'qa manager password', display_name: 'Quinn Quality' },
  ],
  part11: true,
};

test.describe('first run', () => {
  test.use({ plant: { files: [] } });

  test('creates the admin with Part 11 mode on, then the app asks to sign in after sign-out', async ({ app, page }) => {
    void app;
    const first = new FirstRunModel(page);
    await expect(first.root).toBeVisible();
    await expect(first.root).toContainText('At least 12 characters');
    await first.fill('bea', 'Bea Boss', 'too short');
    await expect(first.submit).toBeDisabled();
    await first.fill('bea', 'Bea Boss', 'admin password 123', 'admin password 124');
    await expect(first.root).toContainText('The two passwords differ');
    await expect(first.submit).toBeDisabled();
    await first.fill('bea', 'Bea Boss', 'admin password 123');
    await expect(first.part11).toBeChecked();
    await page.screenshot({ path: shot('1-first-run') });
    await first.submit.click();

    const bar = new UserBarModel(page);
    await expect(bar.user).toContainText('Bea Boss');
    await expect(bar.role).toHaveText('Admin');
    await expect(bar.user).toContainText('Part 11');
    await expect(page.getByTestId('side-nav').getByRole('link', { name: 'Dashboard', exact: true })).toBeVisible();
    await page.screenshot({ path: shot('2-signed-in-admin') });

    await bar.signOut();
    // Part 11 mode is on: nobody signed in means the sign-in page.
    await expect(new SignInModel(page).root).toBeVisible();
    await expect(page.getByTestId('side-nav').getByRole('link', { name: 'Dashboard', exact: true })).toHaveCount(0);
  });
});

test.describe('Part 11 mode on', () => {
  test.use({ accounts: QUINN });

  test('sign-in: a wrong password is refused clearly, the right one opens the page asked for', async ({ app, page }) => {
    await page.goto(`${app.url}#/lots`);
    const signIn = new SignInModel(page);
    await signIn.signIn('quinn', 'not my password');
    await expect(signIn.error).toContainText('Wrong user name or password');
    await expect(signIn.error).toContainText('After 5 wrong passwords in a row the account is locked');
    await page.screenshot({ path: shot('3-sign-in-wrong-password') });
    await signIn.signIn('quinn', 'qa manager password');
    await expect(new UserBarModel(page).user).toContainText('Quinn Quality');
    await expect(new UserBarModel(page).role).toHaveText('QA manager');
    await expect(page.getByTestId('lot-search')).toBeVisible();
    expect(new URL(page.url()).hash).toBe('#/lots');
  });

  test('a release is signed: a wrong password stores nothing, the right one shows the signature, INVALID once the record changes', async ({ app, page }) => {
    await new SignInModel(page).signIn('quinn', 'qa manager password');
    await goTo(page, '/lots/COOKIE/C-2');
    const lot = new LotPageModel(page);
    await expect(lot.title).toHaveText('C-2');
    await lot.changeStatus('Put on hold', 'Customer complaint: foreign body');
    await expect(lot.status).toContainText(/on hold/i);

    await page.getByRole('button', { name: 'Release' }).click();
    const dialog = new SignatureDialogModel(page);
    await expect(dialog.root).toBeVisible();
    await expect(dialog.signing).toContainText('COOKIE / C-2');
    await expect(dialog.signing).toContainText('on_hold → released');
    await expect(dialog.signer).toHaveText('Quinn Quality (quinn)');
    await expect(dialog.meaning).toHaveValue('released');
    await page.getByTestId('status-reason').fill('Investigation closed: no foreign body found');
    await dialog.sign('wrong password here');
    await expect(dialog.error).toContainText('wrong user name or password');
    await expect(dialog.root).toBeVisible();
    await page.screenshot({ path: shot('4-signature-wrong-password') });
    // Nothing stored: still on hold, one change in the history.
    await expect(lot.status).toContainText(/on hold/i);
    await expect(lot.historyRows()).toHaveCount(1);

    await dialog.sign('qa manager password');
    await expect(dialog.root).toBeHidden();
    await expect(lot.status).toContainText(/released/i);
    const signatures = page.getByTestId('signatures');
    await expect(signatures.locator('tbody tr')).toHaveCount(1);
    const row = signatures.locator('tbody tr').first();
    await expect(row).toContainText('Quinn Quality (quinn)');
    await expect(row).toContainText('released');
    await expect(row).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \S+ \(UTC\)/);
    await expect(row).toHaveAttribute('data-signature-status', 'valid');
    await page.getByTestId('lot-signatures').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('5-lot-signature'), fullPage: true });

    // Someone edits the signed status change in the database file (triggers dropped, as an attacker would): the signature shows INVALID.
    const db = new Database(app.dbPath);
    try {
      for (const t of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'status_change'").pluck().all() as string[]) db.exec(`DROP TRIGGER "${t}"`);
      db.prepare("UPDATE status_change SET reason = 'edited later' WHERE action = 'release'").run();
    } finally {
      db.close();
    }
    await page.reload();
    await expect(row).toHaveAttribute('data-signature-status', 'invalid');
    await expect(row).toContainText('INVALID: record changed after signing');
  });
});

test.describe('Part 11 mode on, recalls', () => {
  test.use({ accounts: QUINN });

  test('opening and closing a real recall are signed; both signatures show on the recall page', async ({ app, page }) => {
    void app;
    await new SignInModel(page).signIn('quinn', 'qa manager password');
    await goTo(page, '/lots/SALT/A100');
    await page.getByTestId('lot-start-recall').click();
    await page.getByTestId('recall-reason').fill('Salmonella in sea salt');
    await expect(page.getByTestId('recall-submit')).toBeDisabled(); // the 7.46(a) facts are still missing
    await new StartRecallModel(page).chooseClass('I');
    await new StartRecallModel(page).fillFacts();
    await page.getByTestId('recall-discovered').fill('positive Salmonella test on a retained sample');
    await page.screenshot({ path: test.info().outputPath('start-recall-facts.png'), fullPage: true });
    await page.getByTestId('recall-submit').click();
    const dialog = new SignatureDialogModel(page);
    await expect(dialog.root).toBeVisible();
    await expect(dialog.signing).toContainText('SALT / A100');
    await expect(dialog.meaning).toHaveValue('opened');
    await dialog.sign('qa manager password');
    await expect(page.getByTestId('recall-code')).toHaveText(/^RC-\d{4}-001$/);

    await page.getByTestId('complete-recall').click();
    await expect(dialog.root).toBeVisible();
    await expect(dialog.meaning).toHaveValue('closed');
    await dialog.meaning.fill('reviewed and closed');
    await dialog.sign('wrong password here');
    await expect(dialog.error).toContainText('wrong user name or password');
    await expect(page.getByTestId('recall-state')).toHaveText('open');
    await dialog.sign('qa manager password');
    await expect(dialog.root).toBeHidden();
    await expect(page.getByTestId('recall-state')).toHaveText('completed');
    const rows = page.getByTestId('recall-signatures').locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('opened');
    await expect(rows.nth(0)).toContainText('recall as opened');
    await expect(rows.nth(1)).toContainText('reviewed and closed');
    await expect(rows.nth(1)).toContainText('recall closure');
    await expect(page.locator('[data-signature-status="valid"]')).toHaveCount(2);
    await page.getByTestId('recall-signatures').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot('8-recall-signatures') });
  });
});

test.describe('audit trail, a user named by an e-mail address', () => {
  const EMAIL = 'quality.assurance-manager@example-foods.com';
  test.use({
    accounts: { users: [{ name: EMAIL, role: 'qa-manager', password: 'qa manager password', display_name: 'Quinn Quality' }], part11: true },
    viewport: { width: 900, height: 800 },
  });

  test('in a narrow window the user cell is one line, not the address broken mid-word; the whole of it on hover', async ({ app, page }) => {
    void app;
    await new SignInModel(page).signIn(EMAIL, 'qa manager password');
    await goTo(page, '/lots/COOKIE/C-2');
    const lot = new LotPageModel(page);
    await lot.changeStatus('Put on hold', 'Customer complaint: foreign body');
    await expect(lot.status).toContainText(/on hold/i);

    await goTo(page, '/audit');
    const audit = new AuditPageModel(page);
    await audit.filterByLot('C-2');
    await expect(audit.rows()).toHaveCount(1);
    const user = audit.rows().first().locator('td').nth(2);
    await expect(user).toHaveText(EMAIL);
    // The lines the cell's text sits on: one.
    const lines = await user.evaluate((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines).toBe(1);
    // The whole address on hover.
    await expect(user.locator(`[title="${EMAIL}"]`)).toHaveCount(1);
    await page.screenshot({ path: shot('9-audit-trail-narrow') });

    // The date filter takes a date typed digit by digit (month first in en-US, the year last).
    const from = page.getByTestId('audit-filter-from');
    await from.focus();
    await page.keyboard.type('01011999', { delay: 60 });
    await expect(from).toHaveValue('1999-01-01');
    await page.getByTestId('audit-apply').click();
    await expect(audit.rows()).toHaveCount(1);
  });
});

test.describe('idle sign-out', () => {
  // Three seconds instead of 15 minutes.
  test.use({ accounts: QUINN, serverEnv: { LOTTRACE_IDLE_MINUTES: '0.05' } });

  test('signs out after the idle time with the reason, and returns to the same page', async ({ app, page }) => {
    void app;
    const signIn = new SignInModel(page);
    await signIn.signIn('quinn', 'qa manager password');
    await goTo(page, '/lots/FLOUR/A100');
    await expect(new LotPageModel(page).title).toHaveText('A100');
    await expect(signIn.notice).toHaveText('Signed out after 3 seconds without activity', { timeout: 15_000 });
    await page.screenshot({ path: shot('6-idle-sign-out') });
    expect(new URL(page.url()).hash).toBe('#/lots/FLOUR/A100');
    await signIn.signIn('quinn', 'qa manager password');
    await expect(new LotPageModel(page).title).toHaveText('A100');
  });
});

test('audit trail: filter by lot, verify the chain, export CSV and PDF', async ({ app, page }) => {
  void app;
  // Part 11 mode off: the page works for the OS user as the rest of the app does.
  await goTo(page, '/lots/COOKIE/C-2');
  const lot = new LotPageModel(page);
  await lot.changeStatus('Put on hold', 'Customer complaint: foreign body');
  await expect(lot.status).toContainText(/on hold/i);
  await lot.changeStatus('Release', 'Investigation closed, "no" foreign body');
  await expect(lot.status).toContainText(/released/i);
  await goTo(page, '/lots/FLOUR/A100');
  await lot.changeStatus('Quarantine', 'Torn bags');
  await expect(lot.status).toContainText(/quarantined/i);

  await page.getByTestId('side-nav').getByRole('link', { name: 'Audit trail', exact: true }).click();
  const audit = new AuditPageModel(page);
  await expect(audit.root).toBeVisible();
  // 3 imports + 3 status changes, at least.
  await expect(audit.rows().first()).toBeVisible();
  expect(await audit.rows().count()).toBeGreaterThanOrEqual(6);

  await audit.filterByLot('C-2');
  await expect(audit.rows()).toHaveCount(2);
  // Newest first, the change in words.
  await expect(audit.rows().nth(0)).toHaveAttribute('data-action', 'lot.release');
  await expect(audit.rows().nth(0)).toContainText('status: on_hold → released');
  await expect(audit.rows().nth(1)).toContainText('status: released → on_hold');
  await expect(audit.rows().nth(1)).toContainText('Customer complaint: foreign body');

  await audit.verify();
  await expect(audit.verifyResult).toContainText(/Chain intact: [\d,]+ entries, head [0-9a-f]{64}/);
  await page.screenshot({ path: shot('7-audit-trail'), fullPage: true });

  const csvDownload = page.waitForEvent('download');
  await audit.exportCsv.click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toBe('audit-trail_lot-C-2.csv');
  const text = readFileSync(await csv.path(), 'utf8');
  const lines = text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(lines[0]).toBe('entry,at_utc,at_plant_time,zone,user,action,entity,key,changes,reason,before,after,row_hash,entry_hash');
  expect(lines).toHaveLength(3);
  expect(lines[1]).toMatch(/^\d+,\d{4}-\d{2}-\d{2}T[\d:.]+Z,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC,UTC,[^,]+,lot\.hold,lot,C-2,"status: released → on_hold\nitem: COOKIE\nstatus_change_id: \d+",Customer complaint: foreign body,/);
  expect(lines.slice(2).join('\n')).toContain(',lot.release,lot,C-2,');
  // The release reason's quotes are doubled as RFC 4180 asks.
  expect(text).toContain('"Investigation closed, ""no"" foreign body"');
  expect(text).not.toContain('Torn bags');

  const pdfDownload = page.waitForEvent('download');
  await audit.exportPdf.click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toBe('audit-trail_lot-C-2.pdf');
  expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');
});
