/**
 * The plant facts every report header needs, read from the plant settings:
 * company name, site code and time zone (settings.ts); a plant that has not
 * set its company name yet gets "LotTrace" in its place; and the audit
 * trail's head as the report is made, which its footer prints.
 */
import { auditHead } from '../audit/audit-trail';
import type { Engine } from '../engine';
import type { RenderOptions } from './render';

export function reportOptions(engine: Engine, overrides: Partial<RenderOptions> = {}): RenderOptions {
  const settings = engine.settings;
  return {
    company: settings.company.trim() || 'LotTrace',
    site: settings.site,
    timezone: settings.timezone,
    chain: auditHead(engine.db),
    ...overrides,
  };
}
