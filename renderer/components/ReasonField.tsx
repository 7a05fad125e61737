/**
 * The reason typed for a hold, quarantine or rejection, with the plant's
 * predefined reasons (setting reasonCodes, edited on the settings page)
 * offered as a list. Free text stays allowed: a reason often needs its
 * particulars (a lab report, an NCR number), so a listed reason can be
 * picked and extended, or another one typed. With no list (or for a
 * release) it is a plain text field.
 */
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { parseReasonCodes } from '../../electron/shared/reason-codes';
import { useCall } from '../api/use-call';

export function ReasonField({ value, onChange, offerCodes, testId = 'status-reason' }: { value: string; onChange: (v: string) => void; offerCodes: boolean; testId?: string }) {
  const info = useCall('app:info', {});
  const codes = offerCodes ? parseReasonCodes(info.data?.settings.reasonCodes ?? '') : [];
  if (codes.length === 0) {
    return (
      <TextField autoFocus fullWidth multiline minRows={2} label="Reason" value={value} onChange={(e) => onChange(e.target.value)} slotProps={{ htmlInput: { 'data-testid': testId } }} />
    );
  }
  return (
    <Autocomplete
      freeSolo
      openOnFocus
      options={codes}
      inputValue={value}
      onInputChange={(_, v) => onChange(v)}
      renderInput={(params) => (
        <TextField
          {...params}
          autoFocus
          label="Reason"
          helperText="Pick one of the plant's reasons or type your own; add particulars after it (lab report, NCR number)."
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': testId } }}
        />
      )}
      slotProps={{ listbox: { 'data-testid': 'reason-codes-list' } as object }}
    />
  );
}
