/**
 * The actions Part 11 mode has signed: releasing or rejecting a lot, and
 * opening and closing a recall. Each runs the engine's own action and, when
 * a signature is required (Part 11 mode) or offered, signs what it wrote in
 * the same transaction: a wrong password or a missing signature stores
 * nothing at all. The CLI and the service both call these, so the rule
 * lives in one place.
 */
import type { Engine } from '../engine';
import type { StatusAction } from '../domain/lots';
import type { LotSummary } from '../../contract/dto/lots';
import type { RecallInfo, StoredRecall } from '../../contract/dto/recall';
import type { SignatureInfo } from '../../contract/dto/users';
import { completeRecall, findRecall, openRecall, recallInfo, type RecallInput } from '../recall/recall-store';
import { part11Enabled, SIGNED_ACTIONS, type SignedActionName } from './part11-mode';
import type { Permission } from './roles';
import { signedAction, type Credentials } from './signatures';
import { AuthError, requirePermission, type AuthenticatedUser } from './users';

/** Who acts: the name recorded, and the password when they sign. */
export interface Actor {
  name: string;
  signer?: Credentials & { meaning?: string };
}

export class SignatureRequiredError extends AuthError {}

/** Runs `action` as the actor: signed when Part 11 mode asks for it or a signer is given. */
function asActor<T>(
  engine: Engine,
  actor: Actor,
  what: SignedActionName | null,
  permission: Permission,
  action: (user: string) => T,
  target: (result: T) => { entity: string; key: string },
): { result: T; signature: SignatureInfo | null } {
  const db = engine.db;
  const required = what !== null && part11Enabled(db);
  if (what === null || !actor.signer) {
    if (required) {
      throw new SignatureRequiredError(`${what.replace('-', ' ')} needs an electronic signature in Part 11 mode: sign with your user name and password`);
    }
    return { result: action(actor.name), signature: null };
  }
  const { signer } = actor;
  return signedAction(
    db,
    { user: signer.user, password: signer.password, meaning: signer.meaning?.trim() || SIGNED_ACTIONS[what] },
    (user: AuthenticatedUser) => action(user.name),
    target,
    { authorize: (u) => requirePermission(u, permission) },
  );
}

export interface StatusRequest {
  lot: string;
  item: string | undefined;
  action: StatusAction;
  reason: string;
}

const STATUS_PERMISSION: Record<StatusAction, Permission> = { hold: 'hold', quarantine: 'quarantine', release: 'release', reject: 'reject', recall: 'recall-open' };

export function changeStatusAs(engine: Engine, request: StatusRequest, actor: Actor): { lot: LotSummary; from: string; to: string; signature: SignatureInfo | null } {
  const what: SignedActionName | null = request.action === 'release' ? 'release' : request.action === 'reject' ? 'reject' : null;
  const id = engine.resolveLot(request.lot, request.item);
  const { result, signature } = asActor(
    engine,
    actor,
    what,
    STATUS_PERMISSION[request.action],
    (user) => {
      const change = engine.changeStatus(request.lot, request.item, request.action, request.reason, user);
      const changeId = engine.db.prepare('SELECT max(id) FROM status_change WHERE lot_id = ?').pluck().get(id) as number;
      return { ...change, changeId };
    },
    (r) => ({ entity: 'status_change', key: String(r.changeId) }),
  );
  const { changeId: _changeId, ...change } = result;
  return { ...change, signature };
}

export function openRecallAs(engine: Engine, input: Omit<RecallInput, 'user'>, actor: Actor): StoredRecall & { signature: SignatureInfo | null } {
  // A mock recall is an exercise, not a regulated record: no signature.
  const { result, signature } = asActor(
    engine, actor, input.mock ? null : 'recall-open', 'recall-open',
    (user) => openRecall(engine, { ...input, user }),
    (r) => ({ entity: 'recall', key: r.recall.code }),
  );
  return { ...result, signature };
}

export function completeRecallAs(engine: Engine, recall: string | number, options: { correctiveActions?: string; user?: string }, actor: Actor): RecallInfo & { signature: SignatureInfo | null } {
  const id = findRecall(engine.db, recall);
  const mock = recallInfo(engine.db, id).mock;
  const { result, signature } = asActor(
    engine, actor, mock ? null : 'recall-close', 'recall-close',
    () => completeRecall(engine.db, id, { user: actor.name, ...options }),
    (r) => ({ entity: 'recall-closure', key: r.code }),
  );
  return { ...result, signature };
}
