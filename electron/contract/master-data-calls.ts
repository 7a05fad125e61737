/**
 * Contract calls of master data (issue 15; see contract.ts for the rules):
 * parties and locations with their gaps (the listing of `lottrace parties
 * [--missing]`), items with their FSMA 204 fields, an audited edit of each
 * (a reason is required; the engine records before and after), and a plant
 * setting changed from the app — the time zone needs a reason once lots
 * exist, as on the CLI.
 */
import { z } from 'zod';
import { call, plainText, reasonText, text, write } from './define';
import { ITEM_FSMA_FIELDS, PARTY_FIELDS } from './constants';
import type { ItemMasterList, ItemMasterRow, PartyRow } from './dto/master-data';
import type { PlantSettings } from './dto/settings';

export type { ItemMasterList, ItemMasterRow, PartyRow };
export { ITEM_FSMA_FIELDS, PARTY_FIELDS };

const SETTING_NAMES = ['timezone', 'site', 'lotPattern', 'company', 'futureDays', 'recallLetterInstructions', 'reasonCodes'] as const;
/** The recall letters' instructions and the reason codes are texts of lines (engine/recall/letter-template.ts, shared/reason-codes.ts); every other setting is one short line. */
const MULTI_LINE_SETTINGS: readonly string[] = ['recallLetterInstructions', 'reasonCodes'];
const oneLine = (key: string, value: string): boolean => MULTI_LINE_SETTINGS.includes(key) || (value.length <= 200 && !/[\r\n]/.test(value));
const settingValue = z
  .object({ key: z.enum(SETTING_NAMES), value: plainText(4000), reason: plainText(2000).default('') })
  .strict()
  .superRefine((v, ctx) => {
    if (!oneLine(v.key, v.value)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'is one line of at most 200 characters' });
  });
const settingChanges = z
  .object({
    changes: z.object(Object.fromEntries(SETTING_NAMES.map((k) => [k, plainText(4000).optional()])) as Record<(typeof SETTING_NAMES)[number], z.ZodOptional<ReturnType<typeof plainText>>>).strict(),
    reason: plainText(2000).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    for (const [key, value] of Object.entries(v.changes)) {
      if (value !== undefined && !oneLine(key, value)) ctx.addIssue({ code: 'custom', path: ['changes', key], message: 'is one line of at most 200 characters' });
    }
  });

const partyChanges = z.object(Object.fromEntries(PARTY_FIELDS.map((f) => [f, plainText(300).optional()])) as Record<(typeof PARTY_FIELDS)[number], z.ZodOptional<ReturnType<typeof plainText>>>).strict();
const itemChanges = z
  .object({ gtin: plainText(200).optional(), brand: plainText(200).optional(), pack_size: plainText(200).optional(), pack_style: plainText(200).optional(), ftl: z.boolean().optional(), ftl_category: plainText(200).optional() })
  .strict();

export const MASTER_DATA_CALLS = {
  /** Every party location with its values and gaps; `missing` keeps only the gaps (and the missing site record). */
  'masterdata:parties': call<PartyRow[]>()(z.object({ missing: z.boolean().default(false) }).strict()),
  /** Items with their FSMA 204 fields, by code; `text` matches code, description, GTIN or brand. */
  'masterdata:items': call<ItemMasterList>()(
    z.object({ text: plainText(200).default(''), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(500) }).strict(),
  ),
  /** Changes a party's or location's fields: a new version, audited with before, after and the reason. */
  'masterdata:setParty': write<{ changed: boolean; row: PartyRow }>()(
    z.object({ role: z.enum(['supplier', 'customer', 'site']), party: text, location: plainText(200).default(''), changes: partyChanges, reason: reasonText('a reason is required') }).strict(),
  ),
  /** Changes an item's FSMA 204 fields; the earlier values stay in item_history; audited with before, after and the reason. */
  'masterdata:setItem': write<{ changed: boolean; row: ItemMasterRow }>()(z.object({ item: text, changes: itemChanges, reason: reasonText('a reason is required') }).strict()),
  /** Changes one plant setting; the time zone needs `reason` once lots exist (it moves their plant-local dates). */
  'settings:set': write<PlantSettings>()(settingValue),
  /** Changes several settings, all or none, with one reason (the settings page's plant form); each change is audited as settings:set's. */
  'settings:setMany': write<PlantSettings>()(settingChanges),
};

/** Listed for the renderer's forms without importing zod: the item fields in form order. */
export type ItemFsmaFieldName = (typeof ITEM_FSMA_FIELDS)[number];
