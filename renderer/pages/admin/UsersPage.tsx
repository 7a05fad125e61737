/**
 * User accounts, for admins (21 CFR 11.10(d), 11.300): each user's role and
 * whether it is active, disabled or locked out (with the count of wrong
 * passwords), who created it and when; adding a user (the password typed
 * twice; the engine enforces the minimum length and refuses a password
 * containing the user name), unlocking a locked account, setting a new
 * password, and disabling an account (never deleted: its signatures and
 * audit entries keep naming it). The engine records every change in the
 * audit trail under the signed-in admin.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { UserInfo, UserRole } from '../../../electron/contract/dto/users';
import { api, ApiError } from '../../api/api';
import { useCall } from '../../api/use-call';
import { useAuth } from '../../auth/auth-context';
import { zonedTime } from '../../auth/session-format';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';

const ROLES: readonly { role: UserRole; label: string; may: string }[] = [
  { role: 'viewer', label: 'Viewer', may: 'reads everything, changes nothing' },
  { role: 'qa', label: 'QA', may: 'holds and quarantines lots, imports files, records recall follow-up' },
  { role: 'qa-manager', label: 'QA manager', may: 'also releases and rejects lots, opens and closes recalls, approves reports' },
  { role: 'admin', label: 'Admin', may: 'also manages users and settings' },
];

function stateOf(u: UserInfo): { label: string; color: 'success' | 'warning' | 'default' } {
  if (u.disabled) return { label: 'disabled', color: 'default' };
  if (u.locked) return { label: `locked (${u.failed_attempts} wrong passwords)`, color: 'warning' };
  return { label: u.failed_attempts ? `active (${u.failed_attempts} wrong)` : 'active', color: 'success' };
}

/** A new password typed twice; the engine checks its rules. */
function PasswordPair({ value, onChange, min, testId }: { value: [string, string]; onChange: (v: [string, string]) => void; min: number; testId: string }) {
  const mismatch = value[1] !== '' && value[0] !== value[1];
  return (
    <>
      <TextField label="Password" type="password" autoComplete="new-password" value={value[0]} onChange={(e) => onChange([e.target.value, value[1]])}
        helperText={`At least ${min} characters, not containing the user name`} slotProps={{ htmlInput: { 'data-testid': `${testId}-password` } }} />
      <TextField label="Password again" type="password" autoComplete="new-password" value={value[1]} onChange={(e) => onChange([value[0], e.target.value])}
        error={mismatch} helperText={mismatch ? 'The two passwords differ' : ' '} slotProps={{ htmlInput: { 'data-testid': `${testId}-password2` } }} />
    </>
  );
}

export function UsersPage() {
  const { status } = useAuth();
  const users = useCall('users:list', {});
  const zone = useCall('app:info', {}).data?.settings.timezone ?? 'UTC';
  const min = status?.min_password_length ?? 12;
  const [form, setForm] = useState({ name: '', display_name: '', role: 'qa' as UserRole });
  const [passwords, setPasswords] = useState<[string, string]>(['', '']);
  const [error, setError] = useState<ApiError>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [resetFor, setResetFor] = useState<UserInfo>();
  const [resetPasswords, setResetPasswords] = useState<[string, string]>(['', '']);
  const [resetError, setResetError] = useState<ApiError>();
  const [disableFor, setDisableFor] = useState<UserInfo>();

  const run = async (what: () => Promise<string>, onError: (e: ApiError) => void = setError): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      setNotice(await what());
      users.reload();
      return true;
    } catch (x) {
      onError(x instanceof ApiError ? x : new ApiError({ code: 'internal', message: String(x) }));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const add = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (passwords[0] !== passwords[1]) return;
    const ok = await run(async () => {
      const u = await api.call('users:add', { name: form.name, role: form.role, password: passwords[0], ...(form.display_name.trim() ? { display_name: form.display_name } : {}) });
      return `User ${u.name} (${u.display_name}, ${u.role}) added`;
    });
    if (ok) {
      setForm({ name: '', display_name: '', role: 'qa' });
      setPasswords(['', '']);
    }
  };

  if (status && status.user?.role !== 'admin') {
    return (
      <Alert severity="info" data-testid="users-admin-only">
        User accounts are managed by an admin: sign in as an admin to see and change them.
      </Alert>
    );
  }
  const addReady = form.name.trim() !== '' && passwords[0] !== '' && passwords[0] === passwords[1] && !busy;
  return (
    <Stack spacing={2} data-testid="users-page">
      <Typography variant="h4" component="h1">
        Users
      </Typography>
      {notice && (
        <Alert severity="success" onClose={() => setNotice(undefined)} data-testid="users-notice">
          {notice}
        </Alert>
      )}
      <ErrorAlert error={error ?? users.error} />
      <Section title="Accounts" testId="users-list">
        {users.loading && <LinearProgress />}
        <DataTable
          testId="users-table"
          rows={users.data ?? []}
          rowKey={(u) => u.name}
          rowProps={(u) => ({ 'data-user': u.name })}
          empty="No accounts yet."
          columns={[
            { key: 'name', header: 'User name', cell: (u) => u.name },
            { key: 'display', header: 'Printed name', cell: (u) => u.display_name },
            { key: 'role', header: 'Role', cell: (u) => ROLES.find((r) => r.role === u.role)?.label ?? u.role, cellProps: (u) => ({ 'data-col': 'role', 'data-role': u.role }) },
            { key: 'state', header: 'Status', cell: (u) => <Chip size="small" color={stateOf(u).color} label={stateOf(u).label} />, cellProps: () => ({ 'data-col': 'state' }) },
            { key: 'created', header: 'Created', cell: (u) => `${zonedTime(u.created_at, zone)} by ${u.created_by}` },
            {
              key: 'actions',
              header: '',
              cell: (u) => (
                <Stack direction="row" spacing={1}>
                  {(u.locked || u.failed_attempts > 0) && !u.disabled && (
                    <Button size="small" disabled={busy} onClick={() => void run(async () => `User ${(await api.call('users:unlock', { name: u.name })).name} unlocked`)} data-testid="user-unlock">
                      Unlock
                    </Button>
                  )}
                  {!u.disabled && (
                    <Button size="small" disabled={busy} onClick={() => { setResetFor(u); setResetPasswords(['', '']); setResetError(undefined); }} data-testid="user-reset">
                      New password…
                    </Button>
                  )}
                  {!u.disabled && u.name !== status?.user?.name && (
                    <Button size="small" color="error" disabled={busy} onClick={() => setDisableFor(u)} data-testid="user-disable">
                      Disable…
                    </Button>
                  )}
                </Stack>
              ),
            },
          ]}
        />
      </Section>
      <Section title="Add a user" testId="user-add">
        <Box component="form" onSubmit={(e) => void add(e)}>
          <Stack spacing={2} sx={{ maxWidth: 520 }}>
            <TextField label="User name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} helperText="What they sign in with: letters, digits, . _ @ or -" slotProps={{ htmlInput: { 'data-testid': 'user-add-name' } }} />
            <TextField label="Printed name" value={form.display_name} onChange={(e) => setForm({ ...form, display_name: e.target.value })} helperText="Printed with their signatures (the user name if left empty)" slotProps={{ htmlInput: { 'data-testid': 'user-add-display' } }} />
            <TextField select label="Role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as UserRole })} helperText={ROLES.find((r) => r.role === form.role)?.may} slotProps={{ htmlInput: { 'data-testid': 'user-add-role' } }}>
              {ROLES.map((r) => (
                <MenuItem key={r.role} value={r.role} data-testid={`role-${r.role}`}>
                  {r.label}
                </MenuItem>
              ))}
            </TextField>
            <PasswordPair value={passwords} onChange={setPasswords} min={min} testId="user-add" />
            <div>
              <Button type="submit" variant="contained" disabled={!addReady} data-testid="user-add-submit">
                Add user
              </Button>
            </div>
          </Stack>
        </Box>
      </Section>

      <Dialog open={resetFor !== undefined} onClose={() => !busy && setResetFor(undefined)} fullWidth maxWidth="xs"
        slotProps={{ paper: { component: 'form', 'data-testid': 'user-reset-dialog', onSubmit: (e: FormEvent) => {
          e.preventDefault();
          if (!resetFor || resetPasswords[0] === '' || resetPasswords[0] !== resetPasswords[1]) return;
          void run(async () => `New password set for ${(await api.call('users:resetPassword', { name: resetFor.name, password: resetPasswords[0] })).name}`, setResetError).then((ok) => ok && setResetFor(undefined));
        } } as object }}>
        <DialogTitle>New password for {resetFor?.display_name} ({resetFor?.name})</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <Typography variant="body2">The old password stops working and a lock-out is cleared. Tell the user the new one in person.</Typography>
            <PasswordPair value={resetPasswords} onChange={setResetPasswords} min={min} testId="user-reset" />
            <ErrorAlert error={resetError} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setResetFor(undefined)} disabled={busy}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy || resetPasswords[0] === '' || resetPasswords[0] !== resetPasswords[1]} data-testid="user-reset-submit">
            Set password
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog open={disableFor !== undefined} onClose={() => !busy && setDisableFor(undefined)}>
        <DialogTitle>Disable {disableFor?.name}?</DialogTitle>
        <DialogContent>
          <Typography variant="body2">
            {disableFor?.display_name} will no longer be able to sign in or sign. The account is kept, so its signatures and audit entries keep naming it.
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setDisableFor(undefined)} disabled={busy}>Cancel</Button>
          <Button color="error" variant="contained" disabled={busy} data-testid="user-disable-confirm"
            onClick={() => void run(async () => `User ${(await api.call('users:disable', { name: disableFor!.name })).name} disabled`).then(() => setDisableFor(undefined))}>
            Disable
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
