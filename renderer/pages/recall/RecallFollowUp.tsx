/**
 * The recall page's follow-up part (21 CFR 7.49 and 7.53): the status in
 * short (notified, responded, who has not, what came back per unit, the
 * effectiveness check against the chosen level and the estimated
 * completion), several consignees marked notified or responded at once
 * (BulkFollowUp), the recall letters PDF (one letter per consignee), the status
 * report PDF and its CSV. Letters and status report are issued reports, so
 * each generation is recorded; the CSV is a plain export.
 */
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/api';
import { useCall } from '../../api/use-call';
import { ErrorAlert } from '../../components/ErrorAlert';
import { base64Blob, downloadBlob } from '../../components/files';
import { Fact, Section } from '../../components/Section';
import { MIME, quantities } from './recall-format';
import { ReportPreview } from './ReportPreview';
import { BulkFollowUp } from './BulkFollowUp';
import { count } from '../../components/format';

/** `version` changes whenever the page reloads the recall (a response recorded), so the status follows. */
/** `onRecorded` tells the recall page that follow-up was recorded here (it reloads). */
export function RecallFollowUp({ id, version, onRecorded }: { id: number; version: unknown; onRecorded?: () => void }) {
  const status = useCall('recall:status', { id });
  const { reload } = status;
  const [csvError, setCsvError] = useState<ApiError>();
  useEffect(() => reload(), [version, reload]);

  const downloadCsv = async (): Promise<void> => {
    setCsvError(undefined);
    try {
      const f = await api.call('recall:statusCsv', { id });
      downloadBlob(base64Blob(f.content_base64, MIME.csv), f.file_name);
    } catch (e) {
      setCsvError(e as ApiError);
    }
  };

  const s = status.data;
  return (
    <Section title="Follow-up: letters and status (21 CFR 7.49, 7.53)" testId="recall-follow-up">
      <ErrorAlert error={status.error} />
      {!s ? (
        <LinearProgress />
      ) : (
        <Table size="small" data-testid="follow-up-status">
          <TableBody>
            <Fact label="Notified" value={`${count(s.effectiveness.notified)} of ${count(s.effectiveness.total)}`} />
            <Fact label="Responded" value={`${count(s.effectiveness.responded)} of ${count(s.effectiveness.total)}`} />
            <Fact label="Not responded" value={s.not_responded.length ? s.not_responded.map((c) => (c.ship_to ? `${c.customer} (${c.ship_to})` : c.customer)).join('; ') : 'none'} />
            <Fact label="On hand at consignees when notified" value={quantities(s.on_hand)} />
            <Fact label="Returned / destroyed / corrected" value={`${quantities(s.returned)} / ${quantities(s.destroyed)} / ${quantities(s.corrected)}`} />
            <Fact
              label="Effectiveness check"
              value={s.check.level ? `level ${s.check.level}: ${count(s.check.needed)} to reach, ${count(s.check.responded)} responded — ${s.check.met ? 'met' : 'not met yet'}` : 'no level on record'}
            />
            <Fact label="Estimated completion" value={`${s.estimated_completion ?? 'not estimable yet'} (${s.estimate_basis})`} />
          </TableBody>
        </Table>
      )}
      {s && s.effectiveness.consignees.length > 0 && (
        <Stack sx={{ mt: 2 }}>
          <BulkFollowUp
            id={id}
            consignees={s.effectiveness.consignees}
            onRecorded={() => {
              reload();
              onRecorded?.();
            }}
          />
        </Stack>
      )}
      <Stack spacing={2} sx={{ mt: 2 }}>
        <ReportPreview label="recall letters" make={() => api.call('reports:recallLetters', { id })} testId="recall-letters" />
        <ReportPreview label="status report" make={() => api.call('reports:recallStatus', { id })} testId="recall-status-report" />
        <Stack direction="row">
          <Button variant="outlined" onClick={() => void downloadCsv()} data-testid="recall-status-csv">
            Download status CSV
          </Button>
        </Stack>
        <ErrorAlert error={csvError} />
      </Stack>
    </Section>
  );
}
