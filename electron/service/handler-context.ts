/**
 * What every domain's handlers get: the engine, the push-event emitter and
 * the OS user; and the type that ties a domain's handlers to its calls, so a
 * call without a handler (or a handler without a call) does not compile.
 */
import type { z } from 'zod';
import type { EventName, Events } from '../contract/contract';
import type { Call } from '../contract/define';
import type { Engine } from '../engine/engine';
import type { Actor } from '../engine/users/signed-actions';

export type Emit = <E extends EventName>(event: E, payload: Events[E]) => void;

export interface HandlerContext {
  engine: Engine;
  emit: Emit;
  /** The signed-in user, else the OS account of the person at the keyboard (never a value the renderer sends). */
  user: () => string;
  /** Who acts, with the signed-in user's re-entered password when the call carries a signature. */
  actor: (signature?: { password: string; meaning?: string | undefined }) => Actor;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCall = Call<any, any>;

export type DomainHandlers<C extends Record<string, AnyCall>> = {
  [N in keyof C]: (input: z.output<C[N]['input']>) => NonNullable<C[N]['result']> | Promise<NonNullable<C[N]['result']>>;
};
