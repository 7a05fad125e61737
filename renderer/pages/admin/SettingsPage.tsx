/**
 * The app's settings, for admins (and, while no account exists and Part 11
 * mode is off, for whoever runs the app: the engine then records the OS
 * account, as the CLI does): the plant — company, site, time zone, lot
 * pattern (PlantSettings.tsx); the hold/quarantine/reject reasons
 * (ReasonCodes.tsx); Part 11 mode (21 CFR Part 11). On, every
 * change needs a signed-in user and releases, rejections, recall openings
 * and closings need an electronic signature; off, LotTrace records the OS
 * account as it always has. A signed-in admin turns it on; turning it off
 * is an admin's electronic signature (password again, meaning "approved",
 * an optional reason), checked by the engine, which stores nothing when the
 * signature fails; both are in the audit trail. Below it, the recall
 * letters' instructions (LetterInstructions.tsx) and the watched folders
 * (WatchedFoldersSummary.tsx).
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { PART11_OFF_MEANING } from '../../../electron/contract/constants';
import { api, ApiError } from '../../api/api';
import { useAuth } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';
import { SignatureDialog, type SignatureInput } from '../../components/SignatureDialog';
import { LetterInstructions } from './LetterInstructions';
import { PlantSettings } from './PlantSettings';
import { ReasonCodes } from './ReasonCodes';
import { WatchedFoldersSummary } from './WatchedFoldersSummary';

export function SettingsPage() {
  const { status, refresh } = useAuth();
  const [signing, setSigning] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);

  const withoutAccounts = status !== undefined && !status.user && !status.part11 && status.needs_first_admin;
  if (status && status.user?.role !== 'admin' && !withoutAccounts) {
    return (
      <Alert severity="info" data-testid="settings-admin-only">
        Settings are changed by an admin: sign in as an admin to see and change them.
      </Alert>
    );
  }
  const on = status?.part11 ?? false;

  const turnOn = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await api.call('settings:partEleven', { on: true });
      await refresh();
      setNotice('Part 11 mode is on: every change now needs a signed-in user.');
    } catch (x) {
      setError(x instanceof ApiError ? x : new ApiError({ code: 'internal', message: String(x) }));
    } finally {
      setBusy(false);
    }
  };
  const turnOff = async (signature: SignatureInput): Promise<void> => {
    await api.call('settings:partEleven', { on: false, signature: { password: signature.password, meaning: signature.meaning }, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    setSigning(false);
    setReason('');
    await refresh();
    setNotice('Part 11 mode is off. Your signature and the change are in the audit trail.');
  };

  return (
    <Stack spacing={2} data-testid="settings-page">
      <Typography variant="h4" component="h1">
        Settings
      </Typography>
      {notice && (
        <Alert severity="success" onClose={() => setNotice(undefined)} data-testid="settings-notice">
          {notice}
        </Alert>
      )}
      <ErrorAlert error={error} />
      <PlantSettings />
      <ReasonCodes />
      <Section title="Part 11 mode" testId="part11-settings">
        <Stack spacing={1.5} sx={{ maxWidth: 760 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Typography>Part 11 mode is</Typography>
            <Chip label={on ? 'on' : 'off'} color={on ? 'success' : 'default'} data-testid="part11-state" data-state={on ? 'on' : 'off'} />
          </Stack>
          <Typography variant="body2">
            With Part 11 mode on (21 CFR Part 11), every change in the app and the CLI needs a signed-in user (the CLI&apos;s <code>--user</code> is no longer accepted as an identity),
            and releasing or rejecting a lot and opening or closing a recall need an electronic signature: the signer&apos;s password again, printed name, date and time with
            the plant&apos;s zone and meaning, bound to what was signed. With it off, LotTrace records the computer&apos;s user name as it always has.
          </Typography>
          <Typography variant="body2">Turning it off is itself signed by an admin and recorded in the audit trail.</Typography>
          <div>
            {withoutAccounts ? (
              <Typography variant="body2" color="text.secondary" data-testid="part11-needs-admin">
                Turning it on needs a signed-in admin: create the first admin account (<code>lottrace user add NAME --role admin</code>) and sign in.
              </Typography>
            ) : on ? (
              <Button variant="outlined" color="warning" disabled={busy} onClick={() => { setError(undefined); setSigning(true); }} data-testid="part11-off">
                Turn Part 11 mode off…
              </Button>
            ) : (
              <Button variant="contained" disabled={busy} onClick={() => void turnOn()} data-testid="part11-on">
                Turn Part 11 mode on
              </Button>
            )}
          </div>
        </Stack>
      </Section>
      <LetterInstructions />
      <WatchedFoldersSummary />
      <SignatureDialog
        open={signing}
        title="Turn Part 11 mode off"
        signing={[['Setting', 'Part 11 mode: on → off']]}
        meaning={PART11_OFF_MEANING}
        confirmLabel="Sign and turn off"
        onSign={turnOff}
        onClose={() => setSigning(false)}
      >
        <TextField label="Reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'part11-off-reason', maxLength: 500 } }} />
      </SignatureDialog>
    </Stack>
  );
}
