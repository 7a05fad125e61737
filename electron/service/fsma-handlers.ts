/** Handler of the FSMA 204 preview (contract/fsma-calls.ts): the engine's previewFsma204. */
import type { FSMA_CALLS } from '../contract/fsma-calls';
import { previewFsma204 } from '../engine/export/fsma204';
import type { DomainHandlers, HandlerContext } from './handler-context';

export function fsmaHandlers({ engine }: HandlerContext): DomainHandlers<typeof FSMA_CALLS> {
  return {
    'fsma:preview': ({ from, to, lots }) => previewFsma204(engine, { ...(from ? { from } : {}), ...(to ? { to } : {}), lots }),
  };
}
