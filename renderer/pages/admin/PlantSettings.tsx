/**
 * The plant's own settings on the settings page (they were CLI-only:
 * `lottrace settings KEY VALUE`): company name and site code (printed at the
 * top of every report), the plant time zone, and the lot-number pattern.
 * Saved together, all or none, through settings:setMany, each change in the
 * audit trail with before, after, who and the reason. The engine refuses a
 * time-zone change without a reason once lots exist (it moves their
 * plant-local dates); the form asks for the reason up front whenever the
 * zone changes.
 */
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import type { PlantSettings as Settings } from '../../../electron/contract/dto/settings';
import { api, ApiError } from '../../api/api';
import { announceSettingsChanged } from '../../api/settings-changed';
import { useCall } from '../../api/use-call';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';

type Editable = Pick<Settings, 'company' | 'site' | 'timezone' | 'lotPattern'>;
const FIELDS: readonly (keyof Editable)[] = ['company', 'site', 'timezone', 'lotPattern'];
const LABELS: Record<keyof Editable, string> = { company: 'Company name', site: 'Site code', timezone: 'Plant time zone', lotPattern: 'Lot number pattern' };

/** Every IANA zone the browser knows, for the zone picker (typing a name is allowed too; the engine checks it). */
function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** What the form would change: only the fields whose value differs from the saved one. */
export function settingChanges(saved: Editable, edited: Editable): Partial<Editable> {
  return Object.fromEntries(FIELDS.filter((f) => edited[f].trim() !== saved[f]).map((f) => [f, edited[f].trim()]));
}

export function PlantSettings() {
  const info = useCall('app:info', {});
  const saved = info.data?.settings;
  const [edited, setEdited] = useState<Editable>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const zones = useMemo(timeZones, []);
  const { reload } = info;
  useEffect(() => {
    if (saved && edited === undefined) setEdited({ company: saved.company, site: saved.site, timezone: saved.timezone, lotPattern: saved.lotPattern });
  }, [saved, edited]);

  if (!saved || !edited) return null;
  const changes = settingChanges(saved, edited);
  const changed = Object.keys(changes) as (keyof Editable)[];
  const zoneChanged = changes.timezone !== undefined;
  const set = (field: keyof Editable) => (value: string) => {
    setDone(undefined);
    setEdited({ ...edited, [field]: value });
  };

  const save = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const now = await api.call('settings:setMany', { changes, reason });
      setEdited({ company: now.company, site: now.site, timezone: now.timezone, lotPattern: now.lotPattern });
      setReason('');
      setDone(`Saved: ${changed.map((f) => LABELS[f].toLowerCase()).join(', ')}. The change is in the audit trail.`);
      reload();
      announceSettingsChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError({ code: 'internal', message: String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="Plant" testId="plant-settings">
      <Stack spacing={2} sx={{ maxWidth: 760 }}>
        <Typography variant="body2">
          The company name and site are printed at the top of every report (a PDF without a company name prints the site only). The plant time zone is how
          date-times written without an offset are read and which calendar day a lot was received or made on.
        </Typography>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <TextField
            label={LABELS.company}
            value={edited.company}
            onChange={(e) => set('company')(e.target.value)}
            sx={{ flex: '2 1 320px' }}
            slotProps={{ htmlInput: { 'data-testid': 'setting-company', maxLength: 200 } }}
          />
          <TextField
            label={LABELS.site}
            value={edited.site}
            onChange={(e) => set('site')(e.target.value)}
            helperText="1–16 letters, digits, - or _ ({SITE} in lot numbers)"
            sx={{ flex: '1 1 200px' }}
            slotProps={{ htmlInput: { 'data-testid': 'setting-site', maxLength: 16 } }}
          />
        </Stack>
        <Autocomplete
          freeSolo
          autoSelect
          options={zones}
          value={edited.timezone}
          onChange={(_, v) => set('timezone')(v ?? '')}
          onInputChange={(_, v, why) => why === 'input' && set('timezone')(v)}
          renderInput={(params) => (
            <TextField
              {...params}
              label={LABELS.timezone}
              helperText="An IANA zone such as America/Chicago. Once lots exist, a change moves their plant-local dates and needs a reason."
              slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'setting-timezone' } }}
            />
          )}
        />
        <TextField
          label={LABELS.lotPattern}
          value={edited.lotPattern}
          onChange={(e) => set('lotPattern')(e.target.value)}
          helperText="Text with {SITE} {YYYY} {YY} {MM} {DD} {JJJ} (day of year) and exactly one {SEQ:n} (sequence, n digits); the default {SITE}-{YY}{JJJ}-{SEQ:3} gives P1-26073-001."
          slotProps={{ htmlInput: { 'data-testid': 'setting-lot-pattern', maxLength: 200, spellCheck: false } }}
        />
        <TextField
          label={zoneChanged ? 'Reason for the change (required: the time zone changes)' : 'Reason for the change (optional)'}
          required={zoneChanged}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'plant-settings-reason', maxLength: 2000 } }}
        />
        <ErrorAlert error={error} />
        {done && (
          <Typography color="success.main" data-testid="plant-settings-saved">
            {done}
          </Typography>
        )}
        <Stack direction="row" spacing={1}>
          <Button variant="contained" disabled={busy || changed.length === 0 || (zoneChanged && !reason.trim())} onClick={() => void save()} data-testid="plant-settings-save">
            Save plant settings
          </Button>
          <Button
            disabled={busy || changed.length === 0}
            onClick={() => {
              setEdited({ company: saved.company, site: saved.site, timezone: saved.timezone, lotPattern: saved.lotPattern });
              setError(undefined);
            }}
          >
            Undo changes
          </Button>
        </Stack>
      </Stack>
    </Section>
  );
}
