/**
 * The recall letters' wording edited once in the app's settings (21 CFR
 * 7.49, issue 14): an admin opens Settings, finds the built-in instructions
 * with the {type} and {depth} placeholders explained, replaces one line,
 * gives a reason and saves; the engine's refusal of a template without
 * {depth} is shown as it is. Screenshot: letter-instructions.png.
 */
import { expect, goTo, test, type AccountSetup } from './fixtures';
import { SignInModel } from './part11-models';

const BEA: AccountSetup = { users: [{ name: 'bea', role: 'admin', password: 'admin password 123', display_name: 'Bea Boss' }], part11: true };
test.use({ accounts: BEA });

test('an admin edits the recall letter instructions; one without {depth} is refused', async ({ app, page }, testInfo) => {
  void app;
  await new SignInModel(page).signIn('bea', 'admin password 123');
  await goTo(page, '/settings');
  const card = page.getByTestId('letter-instructions');
  const text = page.getByTestId('letter-instructions-text');
  await expect(text).toHaveValue(/^Stop distributing, selling and using the \{type\} products listed below immediately\.\n/);
  await expect(card).toContainText('{depth}: the sentence telling the consignee how far to extend the recall');
  await expect(page.getByTestId('letter-instructions-save')).toBeDisabled();

  await text.fill('Quarantine the {type} lots below at once.\nCall our recall line before you destroy anything.');
  await page.getByTestId('letter-instructions-reason').fill('wording agreed with legal');
  await page.getByTestId('letter-instructions-save').click();
  await expect(card).toContainText('must keep {depth}');

  await text.fill('Quarantine the {type} lots below at once.\n{depth}\nCall our recall line before you destroy anything.');
  await page.getByTestId('letter-instructions-save').click();
  await expect(page.getByTestId('letter-instructions-saved')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('letter-instructions.png'), fullPage: true });
  await page.reload();
  await expect(page.getByTestId('letter-instructions-text')).toHaveValue('Quarantine the {type} lots below at once.\n{depth}\nCall our recall line before you destroy anything.');
});
