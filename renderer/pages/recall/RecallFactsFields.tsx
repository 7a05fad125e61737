/**
 * The 21 CFR 7.46(a) facts a real recall is opened with: the recall contact,
 * the date of discovery, the health hazard evaluation (what, by whom, when),
 * the public warning and the effectiveness check level (7.42(b)(3)). The
 * engine refuses a real recall without them and lists what is missing; the
 * form marks the same fields required so the user sees it before sending.
 * A mock recall may leave them empty.
 */
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CallInput } from '../../../electron/contract/contract';
import { EFFECTIVENESS_LEVELS, PUBLIC_WARNINGS } from '../../../electron/contract/recall-constants';

export type RecallFacts = NonNullable<CallInput<'recall:start'>['facts']>;

/** The form's values: every fact as typed (empty = not given). */
export type FactsForm = { [K in keyof Required<RecallFacts>]: string };

export const EMPTY_FACTS: FactsForm = {
  contact_name: '', contact_title: '', contact_phone: '', contact_email: '', discovered_on: '', hazard: '', hazard_by: '', hazard_on: '',
  public_warning: '', effectiveness_level: '', effectiveness_pct: '',
};

const WARNING_TEXT: Record<(typeof PUBLIC_WARNINGS)[number], string> = {
  none: 'None',
  general: 'General (national press release)',
  local: 'Local (local media)',
};

const LEVEL_TEXT: Record<(typeof EFFECTIVENESS_LEVELS)[number], string> = {
  A: 'A — 100 % of consignees',
  B: 'B — a share between 10 % and 100 %',
  C: 'C — 10 % of consignees',
  D: 'D — 2 % of consignees',
  E: 'E — no effectiveness checks',
};

/** The facts as the contract takes them: empty fields left out. */
export function factsOf(form: FactsForm): RecallFacts {
  const facts: RecallFacts = {};
  for (const key of ['contact_name', 'contact_title', 'contact_phone', 'contact_email', 'discovered_on', 'hazard', 'hazard_by', 'hazard_on'] as const) {
    const v = form[key].trim();
    if (v) facts[key] = v;
  }
  // The selects offer only the contract's values.
  if (form.public_warning) facts.public_warning = form.public_warning as NonNullable<RecallFacts['public_warning']>;
  if (form.effectiveness_level) facts.effectiveness_level = form.effectiveness_level as NonNullable<RecallFacts['effectiveness_level']>;
  if (form.effectiveness_level === 'B' && form.effectiveness_pct.trim()) facts.effectiveness_pct = Number(form.effectiveness_pct);
  return facts;
}

/** Whether every fact a real recall needs is filled in (the engine checks the values). */
export function factsComplete(form: FactsForm): boolean {
  const filled = (['contact_name', 'contact_title', 'contact_phone', 'discovered_on', 'hazard', 'hazard_by', 'hazard_on'] as const).every((k) => form[k].trim() !== '');
  return filled && form.public_warning !== '' && form.effectiveness_level !== '' && (form.effectiveness_level !== 'B' || form.effectiveness_pct.trim() !== '');
}

export function RecallFactsFields({ value, onChange, required }: { value: FactsForm; onChange: (next: FactsForm) => void; required: boolean }) {
  const field = (key: keyof FactsForm) => ({
    value: value[key],
    onChange: (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value }),
    slotProps: { htmlInput: { 'data-testid': `fact-${key}` }, inputLabel: { shrink: true } },
  });
  return (
    <Stack spacing={2} data-testid="recall-facts">
      <Typography variant="subtitle1" component="h2">
        Recall facts for FDA (21 CFR 7.46(a)){required ? '' : ' — optional for a mock recall'}
      </Typography>
      <Stack direction="row" spacing={2}>
        <TextField label="Recall contact" required={required} {...field('contact_name')} sx={{ flex: 2 }} />
        <TextField label="Title" required={required} {...field('contact_title')} sx={{ flex: 1 }} />
      </Stack>
      <Stack direction="row" spacing={2}>
        <TextField label="Phone" required={required} {...field('contact_phone')} sx={{ flex: 1 }} />
        <TextField label="E-mail" {...field('contact_email')} sx={{ flex: 1 }} />
        <TextField label="Date of discovery" type="date" required={required} {...field('discovered_on')} />
      </Stack>
      <TextField label="Health hazard evaluation" required={required} multiline minRows={2} {...field('hazard')} />
      <Stack direction="row" spacing={2}>
        <TextField label="Evaluated by" required={required} {...field('hazard_by')} sx={{ flex: 1 }} />
        <TextField label="Evaluated on" type="date" required={required} {...field('hazard_on')} />
      </Stack>
      <Stack direction="row" spacing={2}>
        <TextField select label="Public warning" required={required} {...field('public_warning')} sx={{ flex: 1 }}>
          {PUBLIC_WARNINGS.map((w) => (
            <MenuItem key={w} value={w}>
              {WARNING_TEXT[w]}
            </MenuItem>
          ))}
        </TextField>
        <TextField select label="Effectiveness checks (21 CFR 7.42(b)(3))" required={required} {...field('effectiveness_level')} sx={{ flex: 1 }}>
          {EFFECTIVENESS_LEVELS.map((l) => (
            <MenuItem key={l} value={l}>
              {LEVEL_TEXT[l]}
            </MenuItem>
          ))}
        </TextField>
        {value.effectiveness_level === 'B' && <TextField label="% of consignees" type="number" required {...field('effectiveness_pct')} sx={{ width: 160 }} />}
      </Stack>
    </Stack>
  );
}
