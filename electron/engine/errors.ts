/**
 * The one base class of the engine's own errors: each says, by its code,
 * what kind of failure it is for the caller (the contract's ErrorCode), so
 * the service maps any of them with one check instead of a list of classes
 * that every new error had to be added to. An error that is not an
 * EngineError is a bug or an environment failure and surfaces as 'internal'.
 */
import type { ErrorCode } from '../contract/dto/errors';

/** The codes an engine error may carry: not the transport's own ('unknown_call') nor 'internal'. */
export type EngineErrorCode = Exclude<ErrorCode, 'unknown_call' | 'internal'>;

export abstract class EngineError extends Error {
  abstract readonly code: EngineErrorCode;
}
