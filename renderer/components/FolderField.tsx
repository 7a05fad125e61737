/**
 * The folder to watch, as each mode can take it. watch:add only accepts a
 * folder the user picked in the desktop app's folder dialog, or in browser
 * mode one under the server's watch root — so in the desktop app the field
 * is filled by "Choose folder…" (typing a path there would only be refused),
 * and in browser mode the path is typed, with the rule under it. A refused
 * folder shows the engine's own message through the page's ErrorAlert.
 */
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { SxProps, Theme } from '@mui/material/styles';
import { folderDialog, type ApiError } from '../api/api';

export const BROWSER_MODE_RULE = "In browser mode only folders under the server's watch root can be watched (start it with --watch-root FOLDER or LOTTRACE_WATCH_ROOT).";
export const DESKTOP_RULE = 'Only a folder chosen with "Choose folder…" can be watched.';

export interface FolderFieldProps {
  label: string;
  value: string;
  onChange: (path: string) => void;
  /** A failed dialog (rare: the window closed while it was open). */
  onError: (error: ApiError) => void;
  testId: string;
  sx?: SxProps<Theme>;
}

export function FolderField({ label, value, onChange, onError, testId, sx }: FolderFieldProps) {
  const pick = folderDialog;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextField
        label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        helperText={pick ? DESKTOP_RULE : BROWSER_MODE_RULE}
        sx={sx ?? { minWidth: 480 }}
        slotProps={{ htmlInput: { 'data-testid': testId, readOnly: pick !== undefined }, formHelperText: { 'data-testid': `${testId}-rule` } as object }}
      />
      {pick && (
        <Button
          variant="outlined"
          sx={{ mt: 1, whiteSpace: 'nowrap' }}
          data-testid={`${testId}-choose`}
          onClick={() =>
            void pick().then(
              (path) => {
                if (path !== null) onChange(path);
              },
              (e: unknown) => onError(e as ApiError),
            )
          }
        >
          Choose folder…
        </Button>
      )}
    </Stack>
  );
}
