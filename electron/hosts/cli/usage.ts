/**
 * The words of the `lottrace` command line: the usage text (each command
 * module adds its own section) and every option parseArgs accepts, with the
 * Values type the commands read them through. Kept apart from main.ts so the
 * dispatcher reads as a list of commands.
 */
import type { ParseArgsConfig } from 'node:util';
import { defaultDatabasePath } from '../../engine/engine';
import { SETTING_KEYS } from '../../engine/settings/settings';
import { AUDIT_USAGE } from './audit';
import { BACKUP_USAGE } from './backup';
import { FSMA204_USAGE } from './fsma204';
import { PARTIES_USAGE } from './parties';
import { RECALL_USAGE } from './recall';
import { RECALL_FOLLOW_UP_USAGE } from './recall-follow-up';
import { REPORT_USAGE } from './report';
import { USERS_USAGE } from './users';

export const USAGE = `usage: lottrace <command> [options]

commands:
  init [--part11]                   create or migrate the database (--part11: turn Part 11 mode on)
  import FILE... [--profile FILE] [--warnings FILE.csv] [--user NAME | --as NAME]
                                    import batch-record files (CSV or JSON, layout detected;
                                    --profile reads an ERP/MES export through a mapping profile;
                                    warnings are summarised per kind, --warnings writes them all)
  trace LOT [--item ITEM] [--direction forward|backward|both] [--depth N] [--pdf FILE] [--json]
                                    (--pdf issues the lot traceability report: see report verify)
  lot LOT [--item ITEM] [--json]    a lot's facts, status, events, on hand and mass balance
  hold|release|quarantine|reject LOT [--item ITEM] --reason TEXT [--user NAME | --as NAME [--meaning TEXT]]
                                    (Part 11 mode: --as NAME, password from LOTTRACE_PASSWORD or standard
                                    input; release and reject are signed)
  demo [--lots N] [--seed S] [--out DIR]
                                    generate a demo plant (dated up to yesterday) as CSV files and import it
  watch [FOLDER...] [--config FILE] [--once] [--poll] [--stable-ms N]
                                    import every file dropped into the folders (hot folders);
                                    --once imports what is there and exits; --config reads
                                    the watched folders from a settings file
  settings [KEY [VALUE]] [--reason TEXT] [--user NAME]
                                    show or change plant settings (${SETTING_KEYS.join(', ')});
                                    the timezone needs --reason once lots exist (logged in the audit trail)
${AUDIT_USAGE}
${REPORT_USAGE}
  epcis-export (LOT [--item ITEM] [--direction forward|backward|both] | --from DATE --to DATE) --out FILE.jsonld
                                    write a trace or a date range as an EPCIS 2.0 JSON-LD document
                                    (EPCIS documents are imported with \`import\`)
${RECALL_USAGE}
${RECALL_FOLLOW_UP_USAGE}
${FSMA204_USAGE}
${PARTIES_USAGE}
${USERS_USAGE}
${BACKUP_USAGE}
  fefo|onhand|expiring|fefo-compliance|turnover|suppliers|lead-time|customer-lots
                                    lot-level inventory and KPIs (options: lottrace inventory)

options for every command:
  --db PATH    database file (else $LOTTRACE_DB, else ${defaultDatabasePath()})
  --json       machine-readable output
  --as NAME    act as this LotTrace user (password from LOTTRACE_PASSWORD or standard input,
               never the command line); required for changes in Part 11 mode
  --help       this text`;

export const OPTIONS = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  item: { type: 'string' },
  direction: { type: 'string' },
  depth: { type: 'string' },
  reason: { type: 'string' },
  user: { type: 'string' },
  lots: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  once: { type: 'boolean' },
  poll: { type: 'boolean' },
  'stable-ms': { type: 'string' },
  config: { type: 'string' },
  profile: { type: 'string' },
  warnings: { type: 'string' },
  location: { type: 'string' },
  at: { type: 'string' },
  uom: { type: 'string' },
  days: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  supplier: { type: 'string' },
  customer: { type: 'string' },
  class: { type: 'string' },
  discovered: { type: 'string' },
  strategy: { type: 'string' },
  'supplier-lot': { type: 'string' },
  ingredient: { type: 'string' },
  mock: { type: 'boolean' },
  scenario: { type: 'string' },
  team: { type: 'string' },
  corrective: { type: 'string' },
  hold: { type: 'boolean' },
  pdf: { type: 'string' },
  recall: { type: 'string' },
  lot: { type: 'string', multiple: true },
  as: { type: 'string' },
  meaning: { type: 'string' },
  role: { type: 'string' },
  display: { type: 'string' },
  part11: { type: 'boolean' },
  schedule: { type: 'string' },
  every: { type: 'string' },
  keep: { type: 'string' },
  scheduled: { type: 'boolean' },
  close: { type: 'boolean' },
  action: { type: 'string' },
  'contact-name': { type: 'string' },
  'contact-title': { type: 'string' },
  'contact-phone': { type: 'string' },
  'contact-email': { type: 'string' },
  'discovered-on': { type: 'string' },
  hazard: { type: 'string' },
  'hazard-by': { type: 'string' },
  'hazard-on': { type: 'string' },
  'proposed-class': { type: 'string' },
  'public-warning': { type: 'string' },
  effectiveness: { type: 'string' },
  'effectiveness-pct': { type: 'string' },
  missing: { type: 'boolean' },
  'all-items': { type: 'boolean' },
  follow: { type: 'boolean' },
  'no-follow': { type: 'boolean' },
  request: { type: 'string' },
  each: { type: 'string' },
  reprint: { type: 'boolean' },
  'ship-to': { type: 'string' },
  notified: { type: 'string' },
  method: { type: 'string' },
  responded: { type: 'string' },
  'on-hand': { type: 'string' },
  returned: { type: 'string' },
  destroyed: { type: 'string' },
  corrected: { type: 'string' },
  note: { type: 'string' },
  csv: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };
