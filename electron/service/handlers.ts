/**
 * The engine behind the contract: one handler per call in
 * contract/contract.ts, each taking the already-validated input. Shared by
 * both transports (Electron IPC and the browser-mode HTTP server) through the
 * engine worker, so the app behaves the same whichever way it is opened.
 *
 * Handlers are thin adapters: the reads and writes are the engine's named
 * functions (no SQL here). Engine errors carry the contract code the
 * renderer acts on (engine/errors.ts); anything unexpected becomes
 * 'internal' with its message. Whether a call writes is declared with the
 * call itself (contract/define.ts write(), contract.ts isWriteCall).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ContractError, isWriteCall, parseInput, type CallName, type CallParsed, type CallResult } from '../contract/contract';
import { OPEN_WRITE_CALLS } from '../contract/auth-calls';
import { part11Enabled } from '../engine/users/part11-mode';
import type { Permission } from '../engine/users/roles';
import { changeStatusAs, type Actor } from '../engine/users/signed-actions';
import { lotSignatures } from '../engine/users/signatures';
import { requirePermission } from '../engine/users/users';
import { authHandlers } from './auth-handlers';
import { Session } from './session';
import { OpeningCheck } from './opening-check';
import { GRAPH_MAX_LOTS } from '../contract/constants';
import { blockedLots, searchLots } from '../engine/domain/lot-search';
import { holdGroups } from '../engine/domain/hold-groups';
import { statusHistory } from '../engine/domain/lots';
import { openRecallsOfLot } from '../engine/impact/open-recalls';
import { databaseCounts } from '../engine/domain/record-counts';
import type { Engine } from '../engine/engine';
import { EngineError } from '../engine/errors';
import { explainSqliteError } from '../engine/db/database-errors';
import { assertIntact } from '../engine/db/integrity';
import { importLog } from '../engine/import/import-log';
import { parseProfile, readProfile } from '../engine/import/mapping-profile';
import { previewProfile } from '../engine/import/profile-preview';
import type { WatchService } from '../engine/watch/watch-service';
import { osUser } from '../engine/domain/os-user';
import type { Emit } from './handler-context';
import { inventoryHandlers } from './inventory-handlers';
import { recallHandlers } from './recall-handlers';
import { recallPageHandlers } from './recall-page-handlers';
import { auditHandlers } from './audit-handlers';
import { reportHandlers } from './report-handlers';
import { masterDataHandlers } from './master-data-handlers';
import { importWarningHandlers } from './import-warning-handlers';
import { trendHandlers } from './trend-handlers';
import { fsmaHandlers } from './fsma-handlers';
import { withReceivedFile } from './temp-files';

export type Handlers = { [N in CallName]: (input: CallParsed<N>) => CallResult<N> | Promise<CallResult<N>> };
export type { Emit };

/** Who the desktop user is: the OS account, never a value the renderer sends (21 CFR 11.10(e)). */
export const currentUser = osUser;

const VERSION = '0.1.0';

/**
 * What a signed-in user's role must allow for each writing call (Part 11
 * mode, or whenever someone is signed in); lot:setStatus checks per action.
 */
const CALL_PERMISSIONS: Partial<Record<CallName, Permission>> = {
  'imports:upload': 'import',
  'recall:start': 'recall-open',
  'recall:hold': 'hold',
  'recall:consigneeEvent': 'consignee-entry',
  'recall:consigneeNotified': 'consignee-entry',
  'recall:consigneesFollowUp': 'consignee-entry',
  'recall:consigneeResponse': 'consignee-entry',
  'recall:complete': 'recall-close',
  'reports:approve': 'report-approve',
  'settings:partEleven': 'settings',
  'masterdata:setParty': 'import',
  'masterdata:setItem': 'import',
  'settings:set': 'settings',
  'settings:setMany': 'settings',
};

/**
 * Calls whose answer is handed on as a record (a recall, a report): the file
 * is checked whole before each (engine/db/integrity.ts). Every other write
 * checks once, before the first write of this engine's life.
 */
const CHECKED_EACH_TIME: readonly CallName[] = ['recall:start', 'reports:recall', 'reports:recallLetters', 'reports:recallStatus', 'reports:lot', 'reports:audit'];

/**
 * Calls that do not count as activity: the app asks auth:status to learn
 * whether the session has ended, and asking must not keep it alive.
 */
const PASSIVE_CALLS: readonly CallName[] = ['auth:status'];

/**
 * `session` is the signed-in user, shared by the worker's writer and reader
 * handlers. In Part 11 mode a writing call without one is refused
 * ('unauthorized'), except signing in and creating the first admin.
 */
export function createHandlers(engine: Engine, emit: Emit = () => {}, watch?: WatchService, session: Session = new Session(), opening: OpeningCheck = new OpeningCheck()): Handlers {
  const handlers = domainHandlers(engine, emit, watch, session, opening);
  const guarded = {} as Record<string, (input: unknown) => unknown>;
  let checkedWhole = false;
  const checkWhole = (name: CallName): void => {
    if (isWriteCall(name)) opening.refuseWritesIfDamaged();
    if (!CHECKED_EACH_TIME.includes(name) && (checkedWhole || !isWriteCall(name))) return;
    assertIntact(engine.db, engine.path);
    if (isWriteCall(name)) checkedWhole = true;
  };
  for (const [name, handler] of Object.entries(handlers) as [CallName, (input: unknown) => unknown][]) {
    if (PASSIVE_CALLS.includes(name)) {
      guarded[name] = handler;
      continue;
    }
    if (!isWriteCall(name) || OPEN_WRITE_CALLS.includes(name)) {
      guarded[name] = (input) => {
        session.touch();
        checkWhole(name);
        return handler(input);
      };
      continue;
    }
    guarded[name] = (input) => {
      checkWhole(name);
      const user = session.current();
      if (!user && part11Enabled(engine.db)) throw new ContractError('unauthorized', 'Part 11 mode is on: sign in to change data');
      const permission = CALL_PERMISSIONS[name];
      if (user && permission) requirePermission(user, permission);
      session.touch();
      return handler(input);
    };
  }
  for (const name of Object.keys(guarded)) guarded[name] = namingTheFile(engine.path, guarded[name]!);
  return guarded as Handlers;
}

/** A lock or damage SQLite reports mid-call is said with the database's own path (restore needs it). */
function namingTheFile(path: string, handler: (input: unknown) => unknown): (input: unknown) => unknown {
  const explain = (e: unknown): never => {
    throw explainSqliteError(e, path) ?? e;
  };
  return (input) => {
    try {
      const result = handler(input);
      return result instanceof Promise ? result.catch(explain) : result;
    } catch (e) {
      return explain(e);
    }
  };
}

function domainHandlers(engine: Engine, emit: Emit, watch: WatchService | undefined, session: Session, opening: OpeningCheck): Handlers {
  const db = engine.db;
  const user = (): string => session.current()?.name ?? currentUser();
  const actor = (signature?: { password: string; meaning?: string | undefined }): Actor => {
    const signedIn = session.current();
    if (!signature) return { name: user() };
    if (!signedIn) throw new ContractError('unauthorized', 'sign in before signing');
    return { name: signedIn.name, signer: { user: signedIn.name, password: signature.password, ...(signature.meaning ? { meaning: signature.meaning } : {}) } };
  };
  const zone = (): string => engine.settings.timezone;
  const profilesDir = (): string => join(dirname(engine.path), 'profiles');
  const watcher = (): WatchService => {
    if (!watch) throw new ContractError('internal', 'watched folders are not available here');
    return watch;
  };

  return {
    'app:info': () => ({ database: engine.path, version: VERSION, settings: engine.settings, user: user(), trace_copies_ready: engine.memoryCopiesCurrent(), integrity: opening.info() }),

    'dashboard:summary': ({ expiring_days }) => {
      let bytes = 0;
      try {
        bytes = statSync(engine.path).size + (statSync(`${engine.path}-wal`, { throwIfNoEntry: false })?.size ?? 0);
      } catch {
        bytes = 0;
      }
      const expiring = searchLots(db, { text: '', status: ['released', 'on_hold', 'quarantined'], kind: [], expires_within_days: expiring_days, sort: 'expires_on', dir: 'asc', offset: 0, limit: 50 }, zone());
      return {
        counts: databaseCounts(db),
        database: { path: engine.path, bytes },
        blocked: blockedLots(db, 50),
        blocked_groups: holdGroups(db, Date.now()),
        expiring: { days: expiring_days, ...expiring },
        imports: importLog(db, 10).rows,
      };
    },

    'lots:search': (query) => searchLots(db, query, zone()),

    'lot:get': ({ item, lot }) => {
      const details = engine.lotDetails(lot, item);
      return { ...details, status_history: statusHistory(db, details.lot.id), signatures: lotSignatures(db, details.lot.id), open_recalls: openRecallsOfLot(db, details.lot.id) };
    },

    'lot:impact': ({ item, lot }) => engine.lotImpact(lot, item),

    'lot:setStatus': ({ item, lot, action, reason, signature }) => {
      const signedIn = session.current();
      if (signedIn) requirePermission(signedIn, action);
      const { signature: signed, ...result } = changeStatusAs(engine, { lot, item, action, reason }, actor(signature));
      emit('lot:statusChanged', { item: result.lot.item, lot: result.lot.lot, status: result.lot.status });
      return signed ? { ...result, signature: signed } : result;
    },

    // The graph draws up to GRAPH_MAX_LOTS lots; a bigger trace comes cut to the levels that fit.
    'trace:run': ({ item, lot, direction, depth }) => engine.traceForView(lot, item, depth === undefined ? { direction } : { direction, depth }, GRAPH_MAX_LOTS),

    'imports:list': ({ limit, offset }) => importLog(db, limit, offset),

    'imports:upload': async ({ name, content_base64 }) => {
      const result = await withReceivedFile(name, content_base64, (path) => engine.importFile(path, { displayName: basename(name), user: user() }));
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

    ...recallHandlers({ engine, emit, user, actor }),
    ...inventoryHandlers({ engine, emit, user, actor }),
    ...authHandlers({ engine, emit, user, actor }, session),
    ...auditHandlers({ engine, emit, user, actor }),
    ...reportHandlers({ engine, emit, user, actor }),
    ...masterDataHandlers({ engine, emit, user, actor }),
    ...importWarningHandlers({ engine, emit, user, actor }),
    ...trendHandlers({ engine, emit, user, actor }),
    ...fsmaHandlers({ engine, emit, user, actor }),
    ...recallPageHandlers({ engine, emit, user, actor }),
  };
}

/**
 * Turn any error into the typed error the renderer shows: an engine error
 * carries its own code; anything else is unexpected, so 'internal'.
 */
export function toContractError(e: unknown): ContractError {
  if (e instanceof ContractError) return e;
  if (e instanceof EngineError) return new ContractError(e.code, e.message);
  // A lock or damage SQLite reports mid-call (not at open) is said as plainly as at open: 'busy' is retried, never a 500.
  const sqlite = explainSqliteError(e, 'the database');
  if (sqlite) return new ContractError(sqlite.code, sqlite.message);
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
