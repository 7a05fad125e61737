/**
 * Master data (issue 15): the parties and locations the FSMA 204 export
 * describes (address, phone, GLN, FDA Food Facility Registration, FEI) with
 * what each location description lacks — the same gaps as `lottrace parties
 * --missing` (masterdata:parties) — and the items with their FSMA 204
 * product fields (GTIN, brand, pack size and style, Food Traceability List
 * flag and category). Each row opens an edit form; every change needs a
 * reason and is recorded in the audit trail with before and after
 * (masterdata:setParty / masterdata:setItem).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Fragment, useState } from 'react';
import { PARTY_FIELDS } from '../../../electron/contract/constants';
import type { ItemMasterRow, PartyField, PartyRow } from '../../../electron/contract/dto/master-data';
import { api } from '../../api/api';
import { useCall } from '../../api/use-call';
import { DataTable, type Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Section } from '../../components/Section';
import { useDebounced } from '../../components/use-debounced';
import { EditDialog, type EditField, type Values } from './EditDialog';
import { addressLine, gapLabel, identifiers } from './format';
import { CODE_SX, count } from '../../components/format';

const PARTY_LABELS: Record<PartyField, string> = {
  street: 'Street', city: 'City', region: 'Region / state', postal_code: 'Postal code', country: 'Country', phone: 'Phone', email: 'E-mail',
  gln: 'GLN (13 digits)', fda_registration: 'FDA Food Facility Registration (11 digits)', fei: 'FEI',
};
const PARTY_EDIT: EditField[] = PARTY_FIELDS.map((f) => ({ key: f, label: PARTY_LABELS[f] }));
const ITEM_EDIT: EditField[] = [
  { key: 'gtin', label: 'GTIN / UPC', helper: '8, 12, 13 or 14 digits with a valid check digit' },
  { key: 'brand', label: 'Brand' },
  { key: 'pack_size', label: 'Pack size', helper: 'e.g. 350 g' },
  { key: 'pack_style', label: 'Pack style', helper: 'e.g. glass jar, case of 6' },
  { key: 'ftl', label: 'On the Food Traceability List', flag: true },
  { key: 'ftl_category', label: 'FTL food category', helper: 'e.g. Nut butters, Shell eggs, Soft cheeses' },
];

type Editing = { kind: 'party'; row: PartyRow } | { kind: 'item'; row: ItemMasterRow };

const where = (r: PartyRow): string => (r.location ? `${r.party} / ${r.location}` : r.party);

export function MasterDataPage() {
  const [onlyGaps, setOnlyGaps] = useState(false);
  const parties = useCall('masterdata:parties', { missing: onlyGaps });
  const gaps = useCall('masterdata:parties', { missing: true });
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 250);
  const items = useCall('masterdata:items', { text: search });
  const [editing, setEditing] = useState<Editing>();
  const [saved, setSaved] = useState('');

  const reload = (): void => {
    parties.reload();
    gaps.reload();
    items.reload();
  };

  const partyColumns: Column<PartyRow>[] = [
    { key: 'role', header: 'Role', cell: (r) => r.role, sortValue: (r) => r.role, width: 90 },
    { key: 'party', header: 'Party', cell: (r) => r.party, sortValue: (r) => r.party },
    { key: 'location', header: 'Location', cell: (r) => r.location, sortValue: (r) => r.location },
    { key: 'address', header: 'Address', cell: (r) => addressLine(r.values), cellProps: () => ({ 'data-col': 'address', sx: { minWidth: 200 } }) },
    // Codes and numbers never break mid-code (a phone number over three lines reads as three numbers).
    { key: 'phone', header: 'Phone', cell: (r) => r.values.phone, cellProps: () => ({ 'data-col': 'phone', sx: CODE_SX }) },
    {
      key: 'ids', header: 'Identifiers',
      // One unbroken piece per identifier: the cell may wrap between them, never inside one.
      cell: (r) => identifiers(r.values).split('; ').filter(Boolean).map((id, i) => (
        <Fragment key={id}>
          {i > 0 && '; '}
          <Box component="span" data-id sx={CODE_SX}>
            {id}
          </Box>
        </Fragment>
      )),
      cellProps: () => ({ 'data-col': 'ids' }),
    },
    {
      key: 'gaps', header: 'Missing', sortValue: (r) => r.gaps.length,
      cell: (r) => (
        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {r.gaps.map((g) => <Chip key={g} size="small" color="warning" label={gapLabel(g)} />)}
        </Stack>
      ),
      cellProps: () => ({ 'data-col': 'gaps' }),
    },
    {
      key: 'edit', header: '', align: 'right',
      cell: (r) => r.source === '' ? null : (
        <Button size="small" onClick={() => setEditing({ kind: 'party', row: r })} data-testid="party-edit">Edit</Button>
      ),
    },
  ];

  const itemColumns: Column<ItemMasterRow>[] = [
    { key: 'item', header: 'Item', cell: (r) => r.item, sortValue: (r) => r.item, cellProps: () => ({ 'data-col': 'item', sx: CODE_SX }) },
    { key: 'description', header: 'Description', cell: (r) => r.description },
    { key: 'kind', header: 'Kind', cell: (r) => r.kind, sortValue: (r) => r.kind, width: 90 },
    { key: 'gtin', header: 'GTIN', cell: (r) => r.gtin, cellProps: () => ({ 'data-col': 'gtin', sx: CODE_SX }) },
    { key: 'brand', header: 'Brand', cell: (r) => r.brand },
    { key: 'pack', header: 'Pack size / style', cell: (r) => [r.pack_size, r.pack_style].filter(Boolean).join(' · ') },
    {
      key: 'ftl', header: 'FTL', sortValue: (r) => (r.ftl ? 0 : 1),
      cell: (r) => (r.ftl ? <Chip size="small" color="primary" label={r.ftl_category ? `FTL: ${r.ftl_category}` : 'FTL'} /> : 'no'),
      cellProps: () => ({ 'data-col': 'ftl' }),
    },
    { key: 'edit', header: '', align: 'right', cell: (r) => <Button size="small" onClick={() => setEditing({ kind: 'item', row: r })} data-testid="item-edit">Edit</Button> },
  ];

  const save = async (changes: Values, reason: string): Promise<void> => {
    if (!editing) return;
    if (editing.kind === 'party') {
      const { role, party, location } = editing.row;
      await api.call('masterdata:setParty', { role, party, location, changes: changes as Partial<Record<PartyField, string>>, reason });
      setSaved(`${where(editing.row)}: changed (recorded in the audit trail)`);
    } else {
      await api.call('masterdata:setItem', { item: editing.row.item, changes, reason });
      setSaved(`${editing.row.item}: changed (recorded in the audit trail)`);
    }
    setEditing(undefined);
    reload();
  };

  const gapCount = gaps.data?.length ?? 0;
  return (
    <Stack spacing={2} data-testid="master-data-page">
      <Typography variant="h4" component="h1">
        Master data
      </Typography>
      {saved && <Alert severity="success" onClose={() => setSaved('')} data-testid="master-data-saved">{saved}</Alert>}
      {gaps.data && (
        <Alert severity={gapCount > 0 ? 'warning' : 'success'} data-testid="master-data-gaps">
          {gapCount > 0
            ? `${count(gapCount)} part${gapCount === 1 ? 'y or location lacks' : 'ies or locations lack'} an address or phone: the FSMA 204 spreadsheet shows them as "[address missing]" / "[phone missing]" until they are given.`
            : 'Every party and location has an address and a phone.'}
        </Alert>
      )}

      <Section title="Parties and locations" testId="parties-section">
        <FormControlLabel
          control={<Switch checked={onlyGaps} onChange={(e) => setOnlyGaps(e.target.checked)} slotProps={{ input: { 'data-testid': 'only-gaps' } as object }} />}
          label="Only gaps"
        />
        {parties.loading && <LinearProgress />}
        <ErrorAlert error={parties.error} />
        <DataTable
          columns={partyColumns}
          rows={parties.data ?? []}
          rowKey={(r) => `${r.role}\u0000${r.party}\u0000${r.location}`}
          rowProps={(r) => ({ 'data-testid': 'party-row', 'data-party': r.party, 'data-location': r.location, 'data-gaps': r.gaps.join(',') })}
          empty={onlyGaps ? 'No gaps.' : 'No parties on record yet: import a parties.csv or an EPCIS document with master data.'}
          aria-label="Parties and locations"
          testId="parties-table"
        />
      </Section>

      <Section title="Items (FSMA 204)" testId="items-section">
        <TextField size="small" label="Search items" value={text} onChange={(e) => setText(e.target.value)} sx={{ width: 280, mb: 1 }} slotProps={{ htmlInput: { 'data-testid': 'item-search' } }} />
        {items.loading && <LinearProgress />}
        <ErrorAlert error={items.error} />
        <DataTable
          columns={itemColumns}
          rows={items.data?.rows ?? []}
          rowKey={(r) => r.item}
          rowProps={(r) => ({ 'data-testid': 'item-row', 'data-item': r.item })}
          empty="No items."
          aria-label="Items"
          testId="items-table"
          {...(items.data && items.data.total > items.data.rows.length ? { caption: `${count(items.data.rows.length)} of ${count(items.data.total)} items shown; search to narrow.` } : {})}
        />
      </Section>

      {editing?.kind === 'party' && (
        <EditDialog
          title={`Edit ${editing.row.role} ${where(editing.row)}`}
          fields={PARTY_EDIT}
          initial={Object.fromEntries(PARTY_FIELDS.map((f) => [f, editing.row.values[f]]))}
          onSave={save}
          onClose={() => setEditing(undefined)}
        />
      )}
      {editing?.kind === 'item' && (
        <EditDialog
          title={`Edit item ${editing.row.item}`}
          fields={ITEM_EDIT}
          initial={{ gtin: editing.row.gtin, brand: editing.row.brand, pack_size: editing.row.pack_size, pack_style: editing.row.pack_style, ftl: editing.row.ftl, ftl_category: editing.row.ftl_category }}
          onSave={save}
          onClose={() => setEditing(undefined)}
        />
      )}
    </Stack>
  );
}
