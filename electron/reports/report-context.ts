/**
 * The plant facts every report header needs, read from the plant settings:
 * site code and time zone (settings.ts), and the company name, kept under
 * the setting key 'company' when the plant has one (the settings module
 * does not define it yet, so it is read leniently here).
 */
import type { Engine } from '../engine';
import type { RenderOptions } from './render';

export function reportOptions(engine: Engine, overrides: Partial<RenderOptions> = {}): RenderOptions {
  const settings = engine.settings;
  const company = engine.db.prepare("SELECT value FROM setting WHERE key = 'company'").pluck().get() as string | undefined;
  return {
    company: company?.trim() || 'LotTrace',
    site: settings.site,
    timezone: settings.timezone,
    ...overrides,
  };
}
