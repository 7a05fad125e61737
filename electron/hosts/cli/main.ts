/**
 * The `lottrace` command line: the same engine as the desktop app, without
 * the GUI. Human-readable tables by default, --json for machines. Exit codes:
 * 0 success, 1 rejected input (a file rejected, a lot not found or
 * ambiguous), 2 usage errors. Messages go to stderr, results to stdout.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DatabaseVersionError, MigrationMismatchError } from '../../engine/db/database';
import { AmbiguousLotError, LotNotFoundError, StatusChangeError, type StatusAction } from '../../engine/domain/lots';
import { defaultDatabasePath, Engine } from '../../engine/engine';
import { formatProblem } from '../../engine/import/records';
import { SETTING_KEYS, SettingError } from '../../engine/settings/settings';
import type { TraceDirection } from '../../contract/dto/trace';
import { formatTable } from './table';
import { retractedSection } from './retracted';
import { duplicatesText, warningLines, writeImportWarnings } from './import-summary';
import { ReportUsageError } from './report';
import { MAX_IDENTIFIER_LENGTH, MAX_TEXT_LENGTH, tooLongMessage } from '../../shared/limits';
import { osUser } from '../../engine/domain/os-user';
import { openForCommand } from './open-engine';
import { EngineError } from '../../engine/errors';
import { explainSqliteError } from '../../engine/db/database-errors';
import { enablePart11, part11Enabled } from '../../engine/users/part11-mode';
import type { Permission } from '../../engine/users/roles';
import { changeStatusAs } from '../../engine/users/signed-actions';
import { lotSignatures } from '../../engine/users/signatures';
import { PasswordMissingError, PasswordSource, readProcessStdin, type ReadStdin } from './password-input';
import { BackupUsageError } from './backup';
import { UserUsageError } from './users';
import { OPTIONS, USAGE, type Values } from './usage';
import { writeIdentity, type WriteIdentity } from './write-gate';
import { joinQuantityArgs } from './recall-follow-up';
import { writeJson } from './json-out';

export class UsageError extends Error {}

class InputError extends Error {}

/** What each status command needs of the user's role in Part 11 mode. */
const STATUS_PERMISSION = { hold: 'hold', quarantine: 'quarantine', release: 'release', reject: 'reject' } as const satisfies Record<string, Permission>;


interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Standard input for passwords (default: the process's). */
  readStdin?: ReadStdin;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};


/** Options that name an identifier, and commands whose positional arguments are lot codes: held to the importers' limit. */
const IDENTIFIER_OPTIONS = ['item', 'location', 'supplier', 'customer', 'supplier-lot', 'ingredient', 'lot', 'recall', 'ship-to'] as const;
const TEXT_OPTIONS = ['reason', 'corrective', 'team', 'meaning', 'note'] as const;
const LOT_COMMANDS = new Set(['trace', 'lot', 'hold', 'release', 'quarantine', 'reject', 'recall']);

/** Refuses an over-long identifier or text the way the importers and the API do (shared/limits.ts). */
function checkLengths(command: string, args: string[], values: Values): void {
  const check = (what: string, value: string | readonly string[] | boolean | undefined, max: number): void => {
    for (const v of typeof value === 'string' ? [value] : Array.isArray(value) ? value : []) {
      if (v.length > max) throw new InputError(`${what} ${tooLongMessage(v.length, max)}`);
    }
  };
  const all = values as Record<string, string | string[] | boolean | undefined>;
  for (const name of IDENTIFIER_OPTIONS) check(`--${name}`, all[name], MAX_IDENTIFIER_LENGTH);
  for (const name of TEXT_OPTIONS) check(`--${name}`, all[name], MAX_TEXT_LENGTH);
  if (LOT_COMMANDS.has(command)) check('LOT', args, MAX_IDENTIFIER_LENGTH);
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} must be a positive whole number`);
  return Number(value);
}

function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected exactly one ${what}`);
  return positionals[0]!;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let parsed: { values: Values; positionals: string[] };
  try {
    // parseArgs types absent options as `?: T | undefined`; Values states the same without the undefined.
    parsed = parseArgs({ args: joinQuantityArgs(argv), options: OPTIONS, allowPositionals: true, strict: true }) as unknown as typeof parsed;
  } catch (e) {
    io.err(`lottrace: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    checkLengths(command, args, values);
  } catch (e) {
    io.err(`lottrace: ${(e as Error).message}`);
    return 1;
  }
  const dbPath = resolve(values.db ?? process.env.LOTTRACE_DB ?? defaultDatabasePath());
  let engine: Engine | undefined;
  const open = (): Engine => (engine ??= openForCommand(dbPath, command, args, { pdf: values.pdf }));
  try {
    return await run(command, args, values, open, dbPath, io, new PasswordSource(io.readStdin ?? readProcessStdin));
  } catch (e) {
    if (e instanceof UsageError || e instanceof UserUsageError || e instanceof BackupUsageError || e instanceof ReportUsageError) {
      io.err(`lottrace: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof InputError || e instanceof LotNotFoundError || e instanceof AmbiguousLotError || e instanceof StatusChangeError || e instanceof SettingError) {
      io.err(`lottrace: ${e.message}`);
      return 1;
    }
    if (e instanceof DatabaseVersionError || e instanceof MigrationMismatchError) {
      io.err(`lottrace: ${e.message}`);
      return 1;
    }
    // Every engine error says what went wrong in words; so does a damaged or locked file.
    const known = e instanceof EngineError ? e : explainSqliteError(e, dbPath);
    if (known || e instanceof PasswordMissingError) {
      io.err(`lottrace: ${(known ?? (e as Error)).message}`);
      return 1;
    }
    io.err(`lottrace: ${(e as Error).stack ?? String(e)}`);
    return 1;
  } finally {
    (engine as Engine | undefined)?.close();
  }
}

async function run(command: string, args: string[], values: Values, open: () => Engine, dbPath: string, io: Io, passwords: PasswordSource): Promise<number> {
  const json = values.json === true;
  const print = (data: unknown, text: () => string): void => (json ? writeJson(data, io.out) : io.out(text()));
  // Every command that changes data passes here first (Part 11 mode: --as and a password).
  const gate = (permission: Permission): Promise<WriteIdentity> => writeIdentity(open().db, values, permission, passwords);
  switch (command) {
    case 'init': {
      const engine = open();
      if (values.part11) enablePart11(engine.db, values.user ?? osUser());
      const part11 = part11Enabled(engine.db);
      print({ db: dbPath, settings: engine.settings, ...(part11 ? { part11 } : {}) }, () =>
        `database ready: ${dbPath}${part11 ? '\nPart 11 mode is on: add the first admin with lottrace user add NAME --role admin (password on standard input)' : ''}`);
      return 0;
    }
    case 'import': {
      if (args.length === 0) throw new UsageError('import needs at least one FILE');
      const engine = open();
      const who = await gate('import');
      const { readProfile, ProfileError } = await import('../../engine/import/mapping-profile');
      let profile: import('../../engine/import/mapping-profile').MappingProfile | undefined;
      try {
        profile = values.profile ? readProfile(resolve(values.profile)) : undefined;
      } catch (e) {
        if (e instanceof ProfileError) throw new InputError(e.message);
        throw e;
      }
      const results = [];
      let rejected = 0;
      for (const file of args) {
        const r = await engine.importFile(resolve(file), { displayName: file, user: who.name, ...(profile ? { profile } : {}) });
        results.push(r);
        if (r.outcome === 'rejected') rejected++;
        if (json) continue;
        if (r.outcome === 'imported') {
          io.out(`${file}: imported (${r.layout}, ${r.rows} rows: ${r.inserted} new, ${duplicatesText(r)})`);
        } else if (r.outcome === 'already_imported') {
          io.out(`${file}: already imported, nothing changed`);
        } else {
          io.out(`${file}: rejected, nothing stored (${r.errorCount} error${r.errorCount === 1 ? '' : 's'})`);
          for (const p of r.errors) io.err(`  ${formatProblem(p)}`);
          if (r.errorCount > r.errors.length) io.err(`  … and ${r.errorCount - r.errors.length} more`);
        }
        for (const line of warningLines(r, values.warnings !== undefined)) io.err(line);
      }
      if (values.warnings !== undefined) {
        const written = writeImportWarnings(engine.db, resolve(values.warnings), results);
        if (!json) io.err(`${written.toLocaleString('en-US')} warning${written === 1 ? '' : 's'} written to ${resolve(values.warnings)}`);
      }
      if (json) writeJson(results, io.out);
      return rejected > 0 ? 1 : 0;
    }
    case 'trace': {
      const lot = one(args, 'LOT');
      const direction = (values.direction ?? 'both') as TraceDirection;
      if (!['forward', 'backward', 'both'].includes(direction)) throw new UsageError('--direction must be forward, backward or both');
      const depth = values.depth === undefined ? undefined : positiveInt('depth', values.depth, 1);
      const result = open().trace(lot, values.item, { direction, ...(depth === undefined ? {} : { depth }) });
      if (values.pdf) {
        // Issuing a report records it (issued_report): a write, so it passes the gate.
        const who = await gate('read');
        const { issueLotTraceReport } = await import('../../engine/reports/report-issuer');
        const issued = await issueLotTraceReport(open(), lot, values.item, resolve(values.pdf), { user: who.name });
        if (!json) io.err(`report ${issued.report_id} written to ${resolve(values.pdf)}`);
      }
      print(result, () => {
        const parts = [
          `trace ${result.direction} from ${result.root.item} / ${result.root.lot}: ${result.lots.length} lots, ${result.links.length} links, ${result.shipments.length} shipments, ${result.receipts.length} receipts`,
          '',
          formatTable(['depth', 'side', 'item', 'lot', 'status', 'quantity', 'uom', 'on hand'], result.lots.map((l) => [l.depth, l.side, l.item, l.lot, l.status, l.quantity, l.uom, l.on_hand])),
        ];
        if (result.links.length > 0) {
          parts.push('', 'links', formatTable(['batch', 'from item', 'from lot', 'to item', 'to lot', 'quantity', 'uom'], result.links.map((l) => [l.batch, l.from.item, l.from.lot, l.to.item, l.to.lot, l.quantity, l.uom])));
        }
        if (result.receipts.length > 0) {
          parts.push('', 'receipts', formatTable(['received', 'item', 'lot', 'supplier', 'supplier lot', 'po', 'quantity', 'uom'], result.receipts.map((r) => [r.received_at, r.item, r.lot, r.supplier, r.supplier_lot, r.po, r.quantity, r.uom])));
        }
        if (result.shipments.length > 0) {
          parts.push('', 'shipments', formatTable(['shipped', 'item', 'lot', 'customer', 'ship to', 'order', 'bol', 'quantity', 'uom'], result.shipments.map((s) => [s.shipped_at, s.item, s.lot, s.customer, s.ship_to, s.order, s.bol, s.quantity, s.uom])));
        }
        parts.push(...retractedSection(result.retracted));
        return parts.join('\n');
      });
      return 0;
    }
    case 'lot': {
      const details = open().lotDetails(one(args, 'LOT'), values.item);
      const signatures = lotSignatures(open().db, details.lot.id);
      // Signatures only where there are some, so the shape stays as it was for unsigned lots.
      const d = signatures.length ? { ...details, signatures } : details;
      print(d, () => {
        const l = d.lot;
        const mb = d.mass_balance;
        return [
          `${l.item} / ${l.lot}  ${l.description}`,
          `kind ${l.kind}, origin ${l.origin}, status ${l.status}`,
          `quantity ${l.quantity} ${l.uom}, on hand ${l.on_hand} ${l.uom}, produced/received ${l.produced_at ?? '-'}, expires ${l.expires_on ?? '-'}`,
          ...(d.supplier_lots.length ? [`supplier lots: ${d.supplier_lots.join(', ')}`] : []),
          '',
          'events',
          formatTable(['at', 'event', 'quantity', 'uom', 'detail'], d.events.map((e) => [e.at, e.type, e.quantity, e.uom, Object.entries(e.detail).filter(([, v]) => v !== '' && v !== null).map(([k, v]) => `${k}=${v}`).join(' ')])),
          '',
          'mass balance',
          formatTable(['received', 'produced', 'consumed', 'shipped', 'adjusted', 'on hand', 'unaccounted', 'accounted %'], [[mb.received, mb.produced, mb.consumed, mb.shipped, mb.adjusted, mb.on_hand, mb.unaccounted, mb.accounted_pct ?? '-']]),
          ...mb.gaps.map((g) => `gap: ${g}`),
          ...retractedSection(d.retracted),
          ...(signatures.length
            ? ['', 'signatures', formatTable(['at', 'zone', 'meaning', 'printed name', 'user', 'change', 'status'], signatures.map((s) => [s.at, s.zone, s.meaning, s.printed_name, s.user, s.key, s.status]))]
            : []),
        ].join('\n');
      });
      return 0;
    }
    case 'hold':
    case 'release':
    case 'quarantine':
    case 'reject': {
      const lot = one(args, 'LOT');
      if (!values.reason?.trim()) throw new UsageError(`${command} needs --reason TEXT`);
      const action = command as StatusAction & keyof typeof STATUS_PERMISSION;
      const actor = await gate(STATUS_PERMISSION[action]);
      const r = changeStatusAs(open(), { lot, item: values.item, action, reason: values.reason }, actor);
      // Unsigned changes keep their earlier JSON shape.
      const { signature, ...change } = r;
      print(signature ? r : change, () =>
        `${r.lot.item} / ${r.lot.lot}: ${r.from} -> ${r.to} (by ${actor.name}: ${values.reason})` +
        (signature ? `\nsigned ${signature.meaning} by ${signature.printed_name} (${signature.user}) at ${signature.at} [${signature.zone}]` : ''));
      return 0;
    }
    case 'demo': {
      if (args.length > 0) throw new UsageError('demo takes no positional arguments');
      const lots = positiveInt('lots', values.lots, 2000);
      const seed = positiveInt('seed', values.seed, 1);
      const outDir = resolve(values.out ?? mkdtempSync(join(tmpdir(), 'lottrace-demo-')));
      const { importDemoPlant, DemoImportError } = await import('../../engine/demo/demo-database');
      const engine = open();
      await gate('import');
      let demo: Awaited<ReturnType<typeof importDemoPlant>>;
      try {
        // Dated up to yesterday (plant time), so a new user sees live holds, expiries and FEFO warnings.
        const { addDays, localDate } = await import('../../engine/domain/dates');
        const end = addDays(localDate(engine.settings.timezone, Date.now()), -1);
        demo = await importDemoPlant(engine, { lots, seed, outDir, end });
      } catch (e) {
        if (!(e instanceof DemoImportError)) throw e;
        for (const p of e.result.errors) io.err(`  ${formatProblem(p)}`);
        throw new InputError(e.message);
      }
      if (!json) io.err(`demo plant written to ${outDir}`);
      const { plant, example: sample } = demo;
      const imports = demo.imports.map((r) => ({ file: r.file, outcome: r.outcome, rows: r.rows, inserted: r.inserted, duplicates: r.duplicates, warnings: r.warningCount, errors: r.errorCount }));
      print({ db: dbPath, out: outDir, counts: plant.counts, imports, example: sample }, () =>
        [
          `demo plant imported into ${dbPath}`,
          formatTable(['file', 'outcome', 'rows', 'new', 'duplicates', 'warnings'], imports.map((i) => [i.file, i.outcome, i.rows, i.inserted, i.duplicates, i.warnings])),
          ...(sample ? ['', `try: npx lottrace trace ${sample.lot} --item ${sample.item} --direction forward --db ${dbPath}`] : []),
        ].join('\n'),
      );
      return 0;
    }
    case 'watch': {
      if (args.length === 0 && !values.config) throw new UsageError('watch needs at least one FOLDER or --config FILE');
      const stableMs = values['stable-ms'] === undefined ? 2000 : positiveInt('stable-ms', values['stable-ms'], 2000);
      const engine = open();
      await gate('import');
      const { HotFolderWatcher, importInboxes, FolderMissingError } = await import('../../engine/watch/hot-folder');
      const { readWatchConfig, WatchConfigError } = await import('../../engine/watch/watch-config');
      const { ProfileError } = await import('../../engine/import/mapping-profile');
      let folders: import('../../engine/watch/hot-folder').FolderSpec[] = [...args];
      try {
        if (values.config) folders = [...folders, ...readWatchConfig(resolve(values.config)).filter((f) => !f.paused)];
      } catch (e) {
        if (e instanceof WatchConfigError || e instanceof ProfileError) throw new InputError(e.message);
        throw e;
      }
      let rejected = 0;
      const onFile = (e: import('../../engine/watch/hot-folder').FileEvent): void => {
        if (e.outcome === 'rejected') rejected++;
        if (json) io.out(JSON.stringify({ file: e.file, folder: e.folder, outcome: e.outcome, moved_to: e.movedTo, rows: e.result.rows, errors: e.result.errorCount, warnings: e.result.warningCount }));
        else {
          const what = e.outcome === 'imported' ? `imported (${e.result.rows} rows)` : e.outcome === 'already_imported' ? 'already imported' : `rejected (${e.result.errorCount} errors)`;
          io.out(`${e.file}: ${what} -> ${e.movedTo}`);
        }
      };
      let failed = 0;
      const onError = (folder: string, message: string): void => {
        failed++;
        io.err(`lottrace: ${folder}: ${message}`);
      };
      const options = { stableMs, poll: values.poll === true, onFile, onError };
      if (values.once) {
        try {
          await importInboxes(engine, folders, options);
        } catch (e) {
          if (e instanceof FolderMissingError || e instanceof ProfileError) throw new InputError(e.message);
          throw e;
        }
        return rejected > 0 || failed > 0 ? 1 : 0;
      }
      let watcher: InstanceType<typeof HotFolderWatcher>;
      try {
        watcher = new HotFolderWatcher(engine, folders, options);
      } catch (e) {
        if (e instanceof ProfileError) throw new InputError(e.message);
        throw e;
      }
      await watcher.start();
      for (const [folder, status] of watcher.status()) io.err(`${folder}: ${status}`);
      // Runs as a service until stopped; closing lets the file being imported finish.
      await new Promise<void>((done) => {
        const stop = (): void => done();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await watcher.close();
      return 0;
    }
    case 'settings': {
      const engine = open();
      if (args.length === 2) {
        const who = await gate('settings');
        engine.setSetting(args[0]!, args[1]!, who.name, values.reason ?? '');
      }
      else if (args.length === 1 && !(SETTING_KEYS as readonly string[]).includes(args[0]!)) throw new SettingError(`unknown setting "${args[0]}"`);
      else if (args.length > 2) throw new UsageError('settings takes at most KEY and VALUE');
      const settings = engine.settings;
      const shown = args.length >= 1 ? { [args[0]!]: settings[args[0] as keyof typeof settings] } : settings;
      print(shown, () => Object.entries(shown).map(([k, v]) => `${k}=${v}`).join('\n'));
      return 0;
    }
    case 'inventory':
      io.out((await import('./inventory')).INVENTORY_USAGE);
      return 0;
    case 'fefo': case 'onhand': case 'expiring': case 'fefo-compliance': case 'turnover': case 'suppliers': case 'lead-time': case 'customer-lots':
      return (await import('./inventory')).runInventory(command, args, values, () => open().db, io);
    case 'recall':
      return (await import('./recall')).runRecall(args, values, open, gate, io);
    case 'recall-letters':
    case 'consignee-response':
    case 'recall-status': {
      if (args.length) throw new UsageError(`${command} takes no positional arguments (a quantity is --returned QTY UOM)`);
      const f = await import('./recall-follow-up');
      const runner = command === 'recall-letters' ? f.runRecallLetters : command === 'consignee-response' ? f.runConsigneeResponse : f.runRecallStatus;
      return runner(values, open, gate, io);
    }
    case 'user':
      return (await import('./users')).runUser(args, values, open(), passwords, io);
    case 'part11':
      return (await import('./users')).runPart11(args, values, open(), passwords, io);
    case 'backup':
      return (await import('./backup')).runBackup(args, values, open, passwords, io);
    case 'restore':
      return (await import('./backup')).runRestore(args, values, dbPath, passwords, io);
    case 'audit':
      return (await import('./audit')).runAudit(args, values, open, io);
    case 'report':
      return (await import('./report')).runReport(args, values, open, passwords, io);
    case 'parties':
      return (await import('./parties')).runParties(args, values, open, gate, io);
    case 'fsma204':
      return (await import('./fsma204')).runFsma204(args, values, open, io);
    case 'epcis-export': {
      if (args.length > 1) throw new UsageError('epcis-export takes at most one LOT');
      const { epcisExport, EpcisExportUsageError } = await import('./epcis-export');
      try {
        const r = epcisExport(open(), { lot: args[0], item: values.item, direction: values.direction, from: values.from, to: values.to, out: values.out });
        print(r, () => `${r.events} EPCIS event(s) written to ${r.out}`);
      } catch (e) {
        if (e instanceof EpcisExportUsageError) throw new UsageError(e.message);
        throw e;
      }
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}
