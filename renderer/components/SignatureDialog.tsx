/**
 * The one electronic-signature dialog (21 CFR 11.50, 11.200): releasing a
 * lot from hold or quarantine, rejecting it, opening and closing a recall.
 * It shows what is being signed, the signer's printed name, the meaning
 * (pre-filled with the word the engine records, contract SIGNATURE_MEANINGS;
 * the signer may change it) and asks for the password again. The action's
 * own fields (a reason, corrective actions) come in as children. A refused
 * password is shown here and nothing is stored; the dialog stays open.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api/api';
import { useAuth } from '../auth/auth-context';
import { ErrorAlert } from './ErrorAlert';
import { Fact } from './Section';

export interface SignatureInput {
  password: string;
  meaning: string;
}

export interface SignatureDialogProps {
  open: boolean;
  /** e.g. "Release FLOUR / A100". */
  title: string;
  /** What the signature is bound to, as label/value lines. */
  signing: readonly (readonly [string, string])[];
  /** The meaning the engine records by default ("released", "rejected", "opened", "closed"). */
  meaning: string;
  /** The action's own fields (reason, corrective actions). */
  children?: ReactNode;
  /** The action's own fields are complete. */
  ready?: boolean;
  confirmLabel?: string;
  onSign: (signature: SignatureInput) => Promise<void>;
  onClose: () => void;
}

export function SignatureDialog({ open, title, signing, meaning: defaultMeaning, children, ready = true, confirmLabel = 'Sign', onSign, onClose }: SignatureDialogProps) {
  const { status } = useAuth();
  const [password, setPassword] = useState('');
  const [meaning, setMeaning] = useState(defaultMeaning);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (open) {
      setPassword('');
      setMeaning(defaultMeaning);
      setError(undefined);
    }
  }, [open, defaultMeaning]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!ready || !password || !meaning.trim()) return;
    setBusy(true);
    try {
      await onSign({ password, meaning: meaning.trim() });
    } catch (x) {
      setError(x instanceof ApiError ? x : new ApiError({ code: 'internal', message: String(x) }));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const user = status?.user;
  return (
    <Dialog open={open} onClose={() => !busy && onClose()} fullWidth maxWidth="sm" slotProps={{ paper: { component: 'form', onSubmit: (e: FormEvent) => void submit(e), 'data-testid': 'signature-dialog' } as object }}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 0.5 }}>
          <Table size="small" data-testid="signature-signing">
            <TableBody>
              {signing.map(([label, value]) => (
                <Fact key={label} label={label} value={value} />
              ))}
            </TableBody>
          </Table>
          {children}
          <Alert severity="info" icon={false}>
            <Typography variant="subtitle2">Electronic signature</Typography>
            Signed by <strong data-testid="signature-signer">{user ? `${user.display_name} (${user.name})` : 'nobody is signed in'}</strong>. Your signature is the legally binding
            equivalent of your handwritten signature; it records your printed name, the date and time with the plant&apos;s time zone, and the meaning below.
          </Alert>
          <TextField label="Meaning" value={meaning} onChange={(e) => setMeaning(e.target.value)} helperText="What your signature means, as printed with it" slotProps={{ htmlInput: { 'data-testid': 'signature-meaning', maxLength: 200 } }} />
          <TextField
            label="Password"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            autoFocus={!children}
            slotProps={{ htmlInput: { 'data-testid': 'signature-password' } }}
          />
          <div data-testid="signature-error">
            <ErrorAlert error={error} />
          </div>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" disabled={busy || !ready || !password || !meaning.trim() || !user} data-testid="signature-confirm">
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
