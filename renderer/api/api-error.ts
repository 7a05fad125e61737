/** A failed call as the renderer sees it, whichever transport carried it. */
import type { ContractErrorShape, ErrorCode } from '../../electron/contract/contract';

export class ApiError extends Error implements ContractErrorShape {
  readonly code: ErrorCode;
  readonly issues?: { path: string; message: string }[];

  constructor(shape: ContractErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    if (shape.issues) this.issues = shape.issues;
  }
}
