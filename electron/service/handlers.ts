/**
 * The engine behind the contract: one handler per call in
 * contract/contract.ts, each taking the already-validated input. Shared by
 * both transports (Electron IPC and the browser-mode HTTP server) through the
 * engine worker, so the app behaves the same whichever way it is opened.
 *
 * Engine errors are translated to ContractErrors with a code the renderer can
 * act on; anything unexpected becomes 'internal' with its message.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  ContractError,
  parseInput,
  type CallName,
  type CallParsed,
  type CallResult,
  type ImportLogEntry,
  type StatusHistoryEntry,
} from '../contract/contract';
import { GRAPH_MAX_LOTS } from '../contract/constants';
import { toIso } from '../engine/domain/dates';
import { blockedLots, searchLots } from '../engine/domain/lot-search';
import { AmbiguousLotError, LotNotFoundError, StatusChangeError } from '../engine/domain/lots';
import type { Engine } from '../engine/engine';
import type { Emit } from './handler-context';
import { inventoryHandlers } from './inventory-handlers';
import { AsOfError } from '../engine/inventory/as-of';
import { FefoError } from '../engine/inventory/fefo';
import { UnknownItemError } from '../engine/inventory/lot-facts';
import { recallHandlers } from './recall-handlers';
import { RecallNotFoundError } from '../engine/recall/recall-store';
import { RecallInputError } from '../engine/recall/scope';
import { Fsma204Error } from '../engine/export/fsma204';
import { parseProfile, ProfileError, readProfile } from '../engine/import/mapping-profile';
import { previewProfile } from '../engine/import/profile-preview';
import { SettingError } from '../engine/settings/settings';
import { WatchConfigError } from '../engine/watch/watch-config';
import { WatchServiceError, type WatchService } from '../engine/watch/watch-service';
import { osUser } from '../engine/domain/os-user';
import { withReceivedFile } from './temp-files';

export type Handlers = { [N in CallName]: (input: CallParsed<N>) => CallResult<N> | Promise<CallResult<N>> };
export type { Emit };

/** Who the desktop user is: the OS account, never a value the renderer sends (21 CFR 11.10(e)). */
export const currentUser = osUser;

const VERSION = '0.1.0';

/**
 * The calls that write the database. The engine worker runs them on its
 * writer connection, one at a time and never inside a watched-folder
 * import; every other call runs on a read-only connection (a call that
 * writes and is missing here fails there instead of writing).
 */
const WRITE_CALLS: ReadonlySet<string> = new Set<CallName>(['lot:setStatus', 'imports:upload', 'recall:start', 'recall:hold', 'recall:consigneeEvent', 'recall:complete']);

export function isWriteCall(name: string): boolean {
  return WRITE_CALLS.has(name);
}

function importLogEntry(r: {
  id: number; path: string; sha256: string; size: number; layout: string; started_at: number; finished_at: number;
  outcome: 'imported' | 'rejected'; rows: number; inserted: number; duplicates: number; warnings: string; errors: string;
}): ImportLogEntry {
  return {
    id: r.id, file: r.path, sha256: r.sha256, size: r.size, layout: r.layout, started_at: toIso(r.started_at)!, finished_at: toIso(r.finished_at)!,
    outcome: r.outcome, rows: r.rows, inserted: r.inserted, duplicates: r.duplicates,
    warnings: JSON.parse(r.warnings) as ImportLogEntry['warnings'], errors: JSON.parse(r.errors) as ImportLogEntry['errors'],
  };
}

export function createHandlers(engine: Engine, emit: Emit = () => {}, watch?: WatchService): Handlers {
  const db = engine.db;
  const zone = (): string => engine.settings.timezone;
  const importLog = (limit: number, offset: number): ImportLogEntry[] =>
    (db.prepare('SELECT * FROM import_file ORDER BY id DESC LIMIT ? OFFSET ?').all(limit, offset) as Parameters<typeof importLogEntry>[0][]).map(importLogEntry);
  const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
  const profilesDir = (): string => join(dirname(engine.path), 'profiles');
  const watcher = (): WatchService => {
    if (!watch) throw new ContractError('internal', 'watched folders are not available here');
    return watch;
  };

  return {
    'app:info': () => ({ database: engine.path, version: VERSION, settings: engine.settings, user: currentUser(), trace_copies_ready: engine.memoryCopiesCurrent() }),

    'dashboard:summary': ({ expiring_days }) => {
      let bytes = 0;
      try {
        bytes = statSync(engine.path).size + (statSync(`${engine.path}-wal`, { throwIfNoEntry: false })?.size ?? 0);
      } catch {
        bytes = 0;
      }
      const expiring = searchLots(db, { text: '', status: ['released', 'on_hold', 'quarantined'], kind: [], expires_within_days: expiring_days, sort: 'expires_on', dir: 'asc', offset: 0, limit: 50 }, zone());
      return {
        counts: {
          lots: count('SELECT count(*) FROM lot'),
          items: count('SELECT count(*) FROM item'),
          suppliers: count("SELECT count(*) FROM party WHERE role = 'supplier'"),
          customers: count("SELECT count(*) FROM party WHERE role = 'customer'"),
          receipts: count('SELECT count(*) FROM receipt'),
          batches: count('SELECT count(*) FROM batch'),
          shipments: count('SELECT count(*) FROM shipment'),
        },
        database: { path: engine.path, bytes },
        blocked: blockedLots(db, 50),
        expiring: { days: expiring_days, ...expiring },
        imports: importLog(10, 0),
      };
    },

    'lots:search': (query) => searchLots(db, query, zone()),

    'lot:get': ({ item, lot }) => {
      const details = engine.lotDetails(lot, item);
      const history = db
        .prepare('SELECT action, from_status AS "from", to_status AS "to", reason, user, at FROM status_change WHERE lot_id = ? ORDER BY at, id')
        .all(details.lot.id) as (Omit<StatusHistoryEntry, 'at'> & { at: number })[];
      return { ...details, status_history: history.map((h) => ({ ...h, at: toIso(h.at)! })) };
    },

    'lot:setStatus': ({ item, lot, action, reason }) => {
      const result = engine.changeStatus(lot, item, action, reason, currentUser());
      emit('lot:statusChanged', { item: result.lot.item, lot: result.lot.lot, status: result.lot.status });
      return result;
    },

    // The graph draws up to GRAPH_MAX_LOTS lots; a bigger trace comes cut to the levels that fit.
    'trace:run': ({ item, lot, direction, depth }) => engine.traceForView(lot, item, depth === undefined ? { direction } : { direction, depth }, GRAPH_MAX_LOTS),

    'imports:list': ({ limit, offset }) => importLog(limit, offset),

    'imports:upload': async ({ name, content_base64 }) => {
      const result = await withReceivedFile(name, content_base64, (path) => engine.importFile(path, { displayName: basename(name) }));
      emit('import:finished', { file: result.file, outcome: result.outcome, inserted: result.inserted, errors: result.errorCount });
      return result;
    },

    'watch:list': () => watcher().list(),
    'watch:add': async (folder) => {
      await watcher().add(folder);
      return watcher().list();
    },
    'watch:remove': async ({ path }) => {
      await watcher().remove(path);
      return watcher().list();
    },
    'watch:setPaused': async ({ path, paused }) => {
      await watcher().setPaused(path, paused);
      return watcher().list();
    },
    'watch:retry': ({ path, name }) => ({ moved_to: watcher().retry(path, name) }),

    'profiles:preview': ({ name, content_base64, draft }) => withReceivedFile(name, content_base64, (path) => previewProfile(path, draft, zone())),
    'profiles:save': ({ file_name, profile }) => {
      // Validated as a complete profile before anything is written.
      const valid = parseProfile(profile, 'the profile');
      const dir = profilesDir();
      mkdirSync(dir, { recursive: true });
      const file = file_name.endsWith('.json') ? file_name : `${file_name}.json`;
      const path = join(dir, file);
      writeFileSync(`${path}.tmp`, `${JSON.stringify(valid, null, 2)}\n`);
      renameSync(`${path}.tmp`, path);
      return { file, path, name: valid.name, layout: valid.layout };
    },
    'profiles:list': () => {
      const dir = profilesDir();
      if (!existsSync(dir)) return [];
      return readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .flatMap((file) => {
          try {
            const p = readProfile(join(dir, file));
            return [{ file, path: join(dir, file), name: p.name, layout: p.layout }];
          } catch {
            return [];
          }
        });
    },

    ...recallHandlers({ engine, emit, user: currentUser }),
    ...inventoryHandlers({ engine, emit, user: currentUser }),
  };
}

/** Turn any engine error into the typed error the renderer shows. */
export function toContractError(e: unknown): ContractError {
  if (e instanceof ContractError) return e;
  if (e instanceof LotNotFoundError) return new ContractError('not_found', e.message);
  if (e instanceof AmbiguousLotError) return new ContractError('ambiguous', e.message);
  if (e instanceof StatusChangeError) return new ContractError('conflict', e.message);
  if (e instanceof ProfileError || e instanceof SettingError || e instanceof WatchConfigError) return new ContractError('rejected', e.message);
  if (e instanceof WatchServiceError) return new ContractError('conflict', e.message);
  if (e instanceof RecallNotFoundError) return new ContractError('not_found', e.message);
  if (e instanceof RecallInputError || e instanceof Fsma204Error) return new ContractError('rejected', e.message);
  // Inventory: a bad date or period, an unknown unit or quantity is the caller's input; an unknown item is not found.
  if (e instanceof AsOfError || e instanceof FefoError) return new ContractError('invalid_input', e.message);
  if (e instanceof UnknownItemError) return new ContractError('not_found', e.message);
  return new ContractError('internal', e instanceof Error ? e.message : String(e));
}

/** Validate and run one call: the single entry point both transports use. */
export async function dispatch(handlers: Handlers, name: string, payload: unknown): Promise<unknown> {
  try {
    const { input } = parseInput(name, payload);
    const handler = handlers[name as CallName] as (input: unknown) => unknown;
    return await handler(input);
  } catch (e) {
    throw toContractError(e);
  }
}
