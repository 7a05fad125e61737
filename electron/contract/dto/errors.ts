/**
 * The codes a contract call can fail with. The engine's errors carry one of
 * them (engine/errors.ts), so the service passes them on without a table.
 */
/** 'busy': the database or the server is taken by other work right now; the same request can be retried in a moment. */
export type ErrorCode = 'invalid_input' | 'unknown_call' | 'not_found' | 'ambiguous' | 'conflict' | 'rejected' | 'busy' | 'internal';
