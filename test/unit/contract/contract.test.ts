/**
 * The renderer↔engine contract: every call validates its payload before the
 * engine is touched and fails with a typed error; the handlers registered
 * are exactly the contract's calls; valid calls reach the real engine.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALL_NAMES, CALLS, ContractError, isWriteCall, parseInput, type ErrorCode } from '../../../electron/contract/contract';
import { DateError, parseInstant } from '../../../electron/engine/domain/dates';
import { LotPatternError, validateLotPattern } from '../../../electron/engine/domain/lot-code';
import { AmbiguousLotError, LotNotFoundError, StatusChangeError } from '../../../electron/engine/domain/lots';
import { Fsma204Error } from '../../../electron/engine/export/fsma204';
import { ProfileError } from '../../../electron/engine/import/mapping-profile';
import { AsOfError } from '../../../electron/engine/inventory/as-of';
import { FefoError } from '../../../electron/engine/inventory/fefo';
import { UnknownItemError } from '../../../electron/engine/inventory/lot-facts';
import { RecallNotFoundError } from '../../../electron/engine/recall/recall-store';
import { RecallInputError } from '../../../electron/engine/recall/scope';
import { SettingError } from '../../../electron/engine/settings/settings';
import { WatchConfigError } from '../../../electron/engine/watch/watch-config';
import { WatchServiceError } from '../../../electron/engine/watch/watch-service';
import { createHandlers, dispatch, toContractError, type Handlers } from '../../../electron/service/handlers';
import { refusal } from '../../fixtures/service/calls';
import { importSmallPlant, openPlant, type Plant } from '../../fixtures/import/helpers';

let plant: Plant;
let handlers: Handlers;

beforeEach(async () => {
  plant = openPlant();
  await importSmallPlant(plant);
  handlers = createHandlers(plant.engine);
});
afterEach(() => plant.close());

const failure = (name: string, payload: unknown): Promise<ContractError> => refusal(handlers, name, payload);

describe('contract', () => {
  it('has exactly one handler per call', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CALL_NAMES].sort());
    expect(CALL_NAMES.length).toBe(Object.keys(CALLS).length);
    for (const name of CALL_NAMES) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });

  it.each(CALL_NAMES)('%s rejects a malformed payload with invalid_input', async (name) => {
    for (const payload of ['text', 42, [], { unexpected_field: true }]) {
      const e = await failure(name, payload);
      expect(e.code, `${name} ${JSON.stringify(payload)}`).toBe('invalid_input');
      expect(e.issues?.length).toBeGreaterThan(0);
    }
  });

  it('rejects unknown calls, including names inherited from Object', async () => {
    expect((await failure('db:exec', {})).code).toBe('unknown_call');
    expect((await failure('__proto__', {})).code).toBe('unknown_call');
    expect((await failure('toString', {})).code).toBe('unknown_call');
  });

  it('names the field that is wrong', () => {
    try {
      parseInput('lots:search', { limit: 100_000, sort: 'price' });
      throw new Error('accepted');
    } catch (e) {
      expect((e as ContractError).issues?.map((i) => i.path).sort()).toEqual(['limit', 'sort']);
    }
  });

  it('maps engine errors to codes the renderer can act on', async () => {
    expect((await failure('lot:get', { item: 'SALT', lot: 'NOPE' })).code).toBe('not_found');
    await dispatch(handlers, 'lot:setStatus', { item: 'SALT', lot: 'A100', action: 'hold', reason: 'check' });
    expect((await failure('lot:setStatus', { item: 'SALT', lot: 'A100', action: 'hold', reason: 'again' })).code).toBe('conflict');
  });

  it('runs valid calls on the engine: search, lot page, trace', async () => {
    const search = (await dispatch(handlers, 'lots:search', { text: 'Grocer One' })) as { total: number; rows: { lot: string }[] };
    expect(search.rows.map((r) => r.lot)).toEqual(['C-1', 'C-2']);
    const page = (await dispatch(handlers, 'lot:get', { item: 'FLOUR', lot: 'A100' })) as { supplier_lots: string[]; mass_balance: { on_hand: number } };
    expect(page.supplier_lots).toEqual(['MU-55']);
    expect(page.mass_balance.on_hand).toBe(1000);
    const trace = (await dispatch(handlers, 'trace:run', { item: 'COOKIE', lot: 'C-2', direction: 'backward', depth: 1 })) as { lots: { lot: string }[] };
    expect(trace.lots.map((l) => l.lot)).toEqual(['C-2', 'CR-1', 'D-1', 'A100']);
  });

  it('records status changes under the OS user, never a user the renderer sends', async () => {
    expect((await failure('lot:setStatus', { item: 'SALT', lot: 'A100', action: 'hold', reason: 'x', user: 'mallory' })).code).toBe('invalid_input');
    const r = (await dispatch(handlers, 'lot:get', { item: 'SALT', lot: 'A100' })) as { status_history: unknown[] };
    expect(r.status_history).toEqual([]);
  });

  it('declares exactly the calls that write the database as writing', () => {
    // The engine worker runs these on its writer connection; every other call gets a read-only one.
    expect(CALL_NAMES.filter((n) => isWriteCall(n)).sort()).toEqual(
      [
        'imports:upload', 'lot:setStatus', 'recall:complete', 'recall:consigneeEvent', 'recall:hold', 'recall:start',
        // Consignee follow-up (issue 14): notifications and responses.
        'recall:consigneeNotified', 'recall:consigneeResponse',
        // Several consignees marked notified or responded at once (issue 20).
        'recall:consigneesFollowUp',
        // Sign-in counts wrong passwords; the others change accounts (issue 16).
        'auth:signIn', 'auth:firstAdmin', 'users:add', 'users:disable', 'users:unlock', 'users:resetPassword', 'settings:partEleven',
        // Issuing a report records it (issued_report) with its file hash.
        'reports:recall', 'reports:lot', 'reports:recallLetters', 'reports:recallStatus',
        // Approving an issued report stores a signature.
        'reports:approve',
        // Master data edits and a plant setting (issue 15).
        'masterdata:setParty', 'masterdata:setItem', 'settings:set',
        // Several settings at once from the settings page (issue 20).
        'settings:setMany',
      ].sort(),
    );
    expect(isWriteCall('db:exec')).toBe(false);
    expect(isWriteCall('__proto__')).toBe(false);
  });

  it('gives each engine error the code it carries', () => {
    const cases: [Error, ErrorCode][] = [
      [new LotNotFoundError('x'), 'not_found'],
      [new AmbiguousLotError('L1', ['A', 'B']), 'ambiguous'],
      [new StatusChangeError('x'), 'conflict'],
      [new ProfileError('x'), 'rejected'],
      [new SettingError('x'), 'rejected'],
      [new WatchConfigError('x'), 'rejected'],
      [new WatchServiceError('x'), 'conflict'],
      [new RecallNotFoundError('x'), 'not_found'],
      [new RecallInputError('x'), 'rejected'],
      [new Fsma204Error('x'), 'rejected'],
      [new AsOfError('x'), 'invalid_input'],
      [new FefoError('x'), 'invalid_input'],
      [new UnknownItemError('x'), 'not_found'],
      [new DateError('x'), 'invalid_input'],
      [new LotPatternError('x'), 'invalid_input'],
      [new Error('disk on fire'), 'internal'],
    ];
    for (const [error, code] of cases) {
      const mapped = toContractError(error);
      expect(mapped.code, error.constructor.name).toBe(code);
      expect(mapped.message).toBe(error.message);
    }
  });

  it('answers a bad date or lot pattern from the engine with invalid_input, not internal', async () => {
    // Handlers that let the engine's own date and lot-pattern checks throw, as a call's engine code would.
    const probe: Handlers = {
      ...handlers,
      'lots:search': (q) => {
        parseInstant(q.text, 'UTC');
        return handlers['lots:search'](q);
      },
      'profiles:list': () => {
        validateLotPattern('{SITE}-{NOPE}');
        return [];
      },
    };
    const badDate = await dispatch(probe, 'lots:search', { text: 'yesterday-ish' }).catch((e: unknown) => e);
    expect(badDate).toBeInstanceOf(ContractError);
    expect((badDate as ContractError).code).toBe('invalid_input');
    expect((badDate as ContractError).message).toMatch(/not an ISO 8601 date/);
    await expect(dispatch(probe, 'lots:search', { text: '2026-03-14' })).resolves.toBeDefined();
    const badPattern = await dispatch(probe, 'profiles:list', {}).catch((e: unknown) => e);
    expect(badPattern).toBeInstanceOf(ContractError);
    expect((badPattern as ContractError).code).toBe('invalid_input');
    expect((badPattern as ContractError).message).toMatch(/SEQ/);
  });
});
