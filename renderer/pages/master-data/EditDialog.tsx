/**
 * The master-data page's edit form: the fields of one party location or one
 * item, and the reason every change needs (it goes to the audit trail with
 * the before and after). Only the fields that differ from the values on
 * record are sent; the engine refuses bad values (a GLN or GTIN with a wrong
 * check digit, an 11-digit FDA registration…) and the message shows here.
 */
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { ApiError } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';

export interface EditField {
  key: string;
  label: string;
  /** A yes/no field (the FTL flag); else text. */
  flag?: boolean;
  helper?: string;
}

export type Values = Record<string, string | boolean>;

interface Props {
  title: string;
  fields: readonly EditField[];
  initial: Values;
  onSave: (changes: Values, reason: string) => Promise<void>;
  onClose: () => void;
}

export function EditDialog({ title, fields, initial, onSave, onClose }: Props) {
  const [values, setValues] = useState<Values>(initial);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const changes = Object.fromEntries(fields.filter((f) => values[f.key] !== initial[f.key]).map((f) => [f.key, values[f.key]!]));
  const changed = Object.keys(changes).length > 0;

  const save = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await onSave(changes, reason.trim());
    } catch (x) {
      setError(x instanceof ApiError ? x : new ApiError({ code: 'internal', message: String(x) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="master-data-edit-title">
      <DialogTitle id="master-data-edit-title">{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={1.5} sx={{ pt: 1 }} data-testid="master-data-edit">
          {fields.map((f) =>
            f.flag ? (
              <FormControlLabel
                key={f.key}
                label={f.label}
                control={<Checkbox checked={values[f.key] === true} onChange={(e) => setValues({ ...values, [f.key]: e.target.checked })} slotProps={{ input: { 'aria-label': f.label, 'data-testid': `edit-${f.key}` } as object }} />}
              />
            ) : (
              <TextField
                key={f.key}
                size="small"
                label={f.label}
                value={values[f.key] as string}
                onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `edit-${f.key}` } }}
                {...(f.helper ? { helperText: f.helper } : {})}
              />
            ),
          )}
          <TextField
            size="small"
            label="Reason for the change (audit trail)"
            required
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'edit-reason' } }}
          />
          <ErrorAlert error={error} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={busy || !changed || !reason.trim()} onClick={() => void save()} data-testid="edit-save">
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
