/**
 * Mapping editor: open a sample of an ERP/MES export, pick which of its
 * columns feeds each field of a canonical layout (or give a constant), set
 * delimiter, encoding, decimal separator, date format and unit aliases, and
 * see the first rows exactly as the import would read them, errors
 * highlighted. Save the profile (a plain JSON file a plant can share) and
 * attach it to a watched folder.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import type { CallResult, DraftProfileInput } from '../../electron/contract/contract';
import { api, ApiError } from '../api/api';
import { DataTable, type Column } from '../components/DataTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { FolderField } from '../components/FolderField';
import { toBase64 } from '../components/files';
import { count } from '../components/format';

type Preview = CallResult<'profiles:preview'>;
type PreviewRow = Preview['rows'][number];
const LAYOUT_NAMES = ['receipts', 'production', 'shipments', 'items', 'adjustments', 'transfers'] as const;
const CONSTANT = '__constant__';
const NONE = '';

export function MappingEditorPage() {
  const [sample, setSample] = useState<{ name: string; content: string } | null>(null);
  const [draft, setDraft] = useState<DraftProfileInput>({ layout: 'receipts', delimiter: ';', encoding: 'utf-8', decimal: '.', dateFormat: 'iso', columns: {}, units: {}, constants: {} });
  const [preview, setPreview] = useState<Preview>();
  const [error, setError] = useState<ApiError>();
  const [name, setName] = useState('');
  const [fileName, setFileName] = useState('');
  const [watchPath, setWatchPath] = useState('');
  const [saved, setSaved] = useState<string>();
  const [unitsText, setUnitsText] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);

  // Re-read the sample whenever the draft changes (debounced).
  useEffect(() => {
    if (!sample) return;
    const t = setTimeout(() => {
      api
        .call('profiles:preview', { name: sample.name, content_base64: sample.content, draft })
        .then((p) => {
          setPreview(p);
          setError(undefined);
        })
        .catch((e: unknown) => setError(e as ApiError));
    }, 200);
    return () => clearTimeout(t);
  }, [sample, draft]);

  const set = <K extends keyof DraftProfileInput>(key: K, value: DraftProfileInput[K]): void => setDraft((d) => ({ ...d, [key]: value }));
  const mapField = (field: string, source: string, constant?: string): void =>
    setDraft((d) => {
      const columns = { ...d.columns };
      const constants = { ...d.constants };
      delete columns[field];
      delete constants[field];
      if (source === CONSTANT) constants[field] = constant ?? '';
      else if (source !== NONE) columns[field] = source;
      return { ...d, columns, constants };
    });
  const parseUnits = (text: string): Record<string, string> =>
    Object.fromEntries(
      text
        .split(/[\n,]/)
        .map((p) => p.split('=').map((x) => x.trim()))
        .filter((p): p is [string, string] => p.length === 2 && p[0] !== '' && p[1] !== ''),
    );

  const save = async (): Promise<void> => {
    try {
      setError(undefined);
      const r = await api.call('profiles:save', { file_name: fileName || name, profile: { ...draft, name } });
      // Saved even if the folder is then refused (not picked in the dialog, outside the watch root): the alert says which.
      setSaved(r.path);
      if (watchPath.trim()) {
        await api.call('watch:add', { path: watchPath.trim(), profile: r.path });
        setSaved(`${r.path} — now used by the watched folder ${watchPath.trim()}`);
      }
    } catch (e) {
      setError(e as ApiError);
    }
  };

  const fields = preview ? [...preview.layout.required.map((f) => ({ f, required: true })), ...preview.layout.optional.map((f) => ({ f, required: false }))] : [];
  const previewFields = preview?.rows.find((r) => Object.keys(r.fields).length > 0)?.fields;
  const columnsShown = previewFields ? Object.keys(previewFields) : [];

  return (
    <Stack spacing={2} data-testid="mapping-editor">
      <Typography variant="h5" component="h1">
        Mapping profile editor
      </Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Button variant="contained" onClick={() => fileInput.current?.click()}>
            Open a sample export…
          </Button>
          <input
            ref={fileInput}
            type="file"
            hidden
            data-testid="sample-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void toBase64(file).then((content) => setSample({ name: file.name, content }));
              e.target.value = '';
            }}
          />
          <Typography>{sample ? sample.name : 'no sample yet'}</Typography>
          <TextField select label="Layout" value={draft.layout} onChange={(e) => setDraft({ ...draft, layout: e.target.value as DraftProfileInput['layout'], columns: {}, constants: {} })} sx={{ width: 160 }}>
            {LAYOUT_NAMES.map((l) => (
              <MenuItem key={l} value={l}>
                {l}
              </MenuItem>
            ))}
          </TextField>
          <TextField select label="Delimiter" value={draft.delimiter} onChange={(e) => set('delimiter', e.target.value as DraftProfileInput['delimiter'])} sx={{ width: 180 }} slotProps={{ htmlInput: { 'data-testid': 'delimiter' } }}>
            <MenuItem value=",">comma ,</MenuItem>
            <MenuItem value=";">semicolon ;</MenuItem>
            <MenuItem value={'\t'}>tab</MenuItem>
            <MenuItem value="|">pipe |</MenuItem>
          </TextField>
          <TextField select label="Encoding" value={draft.encoding} onChange={(e) => set('encoding', e.target.value as DraftProfileInput['encoding'])} sx={{ width: 200 }}>
            <MenuItem value="utf-8">UTF-8</MenuItem>
            <MenuItem value="windows-1252">Windows-1252</MenuItem>
          </TextField>
          <TextField select label="Decimal" value={draft.decimal} onChange={(e) => set('decimal', e.target.value as DraftProfileInput['decimal'])} sx={{ width: 170 }}>
            <MenuItem value=".">point 1.5</MenuItem>
            <MenuItem value=",">comma 1,5</MenuItem>
          </TextField>
          <TextField select label="Dates" value={draft.dateFormat} onChange={(e) => set('dateFormat', e.target.value as DraftProfileInput['dateFormat'])} sx={{ width: 160 }}>
            {['iso', 'dd.mm.yyyy', 'dd/mm/yyyy', 'mm/dd/yyyy', 'yyyymmdd'].map((f) => (
              <MenuItem key={f} value={f}>
                {f}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            label="Unit aliases (ST=ea, KG=kg)"
            value={unitsText}
            onChange={(e) => {
              setUnitsText(e.target.value);
              set('units', parseUnits(e.target.value));
            }}
            sx={{ minWidth: 240 }}
          />
        </Stack>
      </Paper>
      <ErrorAlert error={error} />
      {preview && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="h6" component="h2" gutterBottom>
            Columns
          </Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: 1.5 }}>
            {fields.map(({ f, required }) => {
              const source = draft.columns?.[f] ?? (draft.constants && f in draft.constants ? CONSTANT : NONE);
              return (
                <Stack key={f} direction="row" spacing={1}>
                  <TextField
                    select
                    label={`${f}${required ? ' *' : ''}`}
                    value={source}
                    onChange={(e) => mapField(f, e.target.value)}
                    sx={{ flex: 1 }}
                    slotProps={{ htmlInput: { 'data-testid': `map-${f}` } }}
                  >
                    <MenuItem value={NONE}>— not mapped —</MenuItem>
                    {preview.source_header.map((h) => (
                      <MenuItem key={h} value={h}>
                        {h}
                      </MenuItem>
                    ))}
                    <MenuItem value={CONSTANT}>a constant value…</MenuItem>
                  </TextField>
                  {source === CONSTANT && <TextField label="value" value={draft.constants?.[f] ?? ''} onChange={(e) => mapField(f, CONSTANT, e.target.value)} sx={{ width: 140 }} />}
                </Stack>
              );
            })}
          </Box>
          {preview.profile_errors.map((m) => (
            <Alert key={m} severity="info" sx={{ mt: 1 }}>
              {m}
            </Alert>
          ))}
          {preview.header_errors.map((m) => (
            <Alert key={m} severity="error" sx={{ mt: 1 }}>
              {m}
            </Alert>
          ))}
        </Paper>
      )}
      {preview && preview.rows.length > 0 && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Typography variant="h6" component="h2" gutterBottom data-testid="preview-summary">
            Preview: {count(preview.total_rows)} rows, {count(preview.rows_with_errors)} with errors (first {count(preview.rows.length)} shown as the import reads them)
          </Typography>
          <DataTable
            testId="preview-table"
            scroll={{}}
            rows={preview.rows}
            rowKey={(r) => r.line}
            rowProps={(r) => ({ 'data-errors': r.errors.length })}
            columns={[
              // '#' keeps the line column's key apart from the layout's field names.
              { key: '#line', header: 'Line', cell: (r) => r.line },
              ...columnsShown.map((c): Column<PreviewRow> => ({
                key: c,
                header: c,
                cellProps: (r) => {
                  const problem = r.errors.find((e) => e.column === c);
                  return problem ? { sx: { bgcolor: '#F8D7CC', fontWeight: 600 }, 'data-error': problem.message } : {};
                },
                cell: (r) => {
                  const problem = r.errors.find((e) => e.column === c);
                  return problem ? (
                    <Tooltip title={problem.message}>
                      <span>
                        {r.fields[c] || '∅'} ⚠ {problem.message}
                      </span>
                    </Tooltip>
                  ) : (
                    r.fields[c]
                  );
                },
              })),
            ]}
          />
        </Paper>
      )}
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2" gutterBottom>
          Save
        </Typography>
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <TextField label="Profile name" value={name} onChange={(e) => setName(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'profile-name' } }} />
          <TextField label="File name" placeholder="sap-receipts" value={fileName} onChange={(e) => setFileName(e.target.value)} />
          <FolderField label="Use for watched folder (optional)" value={watchPath} onChange={setWatchPath} onError={setError} testId="profile-watch-path" sx={{ minWidth: 360 }} />
          <Button variant="contained" disabled={!name.trim() || (preview?.profile_errors.length ?? 1) > 0} onClick={() => void save()} data-testid="profile-save">
            Save profile
          </Button>
        </Stack>
        {saved && (
          <Alert severity="success" sx={{ mt: 1 }} data-testid="profile-saved">
            Saved: {saved}
          </Alert>
        )}
      </Paper>
    </Stack>
  );
}
