/**
 * The app's answer when the whole-file check made at opening finds the
 * database damaged (service/opening-check.ts): a banner on every page that
 * says the file is read-only now and how to restore it. Writes are refused
 * by the engine either way; the banner says so before anyone tries one.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import { useEffect, useState } from 'react';
import type { IntegrityCheck } from '../../electron/contract/contract';
import { api } from '../api/api';

/** How often app:info is asked again while the check runs (the event may come before the window listens). */
const RECHECK_MS = 3000;

export function DamagedDatabaseBanner({ integrity, reload }: { integrity: IntegrityCheck | undefined; reload: () => void }) {
  const [pushed, setPushed] = useState<string>();
  useEffect(() => api.on('database:damaged', (e) => setPushed(e.message)), []);
  useEffect(() => {
    if (integrity?.state !== 'checking') return;
    const timer = setTimeout(reload, RECHECK_MS);
    return () => clearTimeout(timer);
  }, [integrity, reload]);

  const message = pushed ?? (integrity?.state === 'damaged' ? integrity.message : undefined);
  if (!message) return null;
  return (
    <Alert severity="error" variant="filled" square data-testid="database-damaged" role="alert">
      <AlertTitle>This database file is damaged: it is open read-only</AlertTitle>
      Nothing can be imported, held or recorded until it is restored; what it still shows may be incomplete. {message}
    </Alert>
  );
}
