/**
 * The codes a contract call can fail with. The engine's errors carry one of
 * them (engine/errors.ts), so the service passes them on without a table.
 */
export type ErrorCode =
  | 'invalid_input'
  | 'unknown_call'
  | 'not_found'
  | 'ambiguous'
  | 'conflict'
  | 'rejected'
  /** The database or the server is taken by other work right now; the same request can be retried in a moment. */
  | 'busy'
  /** No signed-in user, a wrong password, a locked or disabled account, or a missing signature (Part 11 mode). */
  | 'unauthorized'
  /** Signed in, but the user's role does not allow this. */
  | 'forbidden'
  | 'internal';
