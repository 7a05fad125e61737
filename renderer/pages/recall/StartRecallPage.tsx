/**
 * Starting a recall or a mock recall: what it starts from (named lots, a
 * supplier's lot, or an ingredient over dates), its class, reason, how it
 * was found and its depth. The class is never preselected, and what the
 * scope covers (recall:preview) is shown before it can be opened. The lot page links here with ?item=&lot= (and
 * ?mock=1) so the lot is already filled in. The engine checks everything
 * again; its refusals are shown as they come. A real recall needs the
 * 21 CFR 7.46(a) facts (RecallFactsFields). In Part 11 mode opening a real
 * recall is signed in the signature dialog.
 */
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { CallInput } from '../../../electron/contract/contract';
import { RECALL_CLASSES, RECALL_DEPTHS } from '../../../electron/contract/recall-constants';
import { SIGNATURE_MEANINGS } from '../../../electron/contract/constants';
import { api, ApiError } from '../../api/api';
import { useAuth } from '../../auth/auth-context';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SignatureDialog, type SignatureInput } from '../../components/SignatureDialog';
import { ItemField } from '../../components/ItemField';
import { LotPicker, type PickedLot } from './LotPicker';
import { EMPTY_FACTS, factsComplete, factsOf, RecallFactsFields, type FactsForm } from './RecallFactsFields';
import { RecallScopePreview, useScopePreview } from './RecallScopePreview';

type ScopeKind = 'lots' | 'supplier_lot' | 'ingredient';
type Scope = CallInput<'recall:start'>['scope'];

const CLASS_HELP: Record<(typeof RECALL_CLASSES)[number], string> = {
  I: 'I — reasonable probability of serious adverse health consequences or death',
  II: 'II — may cause temporary or reversible adverse health consequences',
  III: 'III — not likely to cause adverse health consequences',
};

export function StartRecallPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const presetLot = params.get('lot');
  const [kind, setKind] = useState<ScopeKind>('lots');
  const [lots, setLots] = useState<PickedLot[]>(presetLot ? [{ item: params.get('item') ?? '', lot: presetLot }] : []);
  const [supplierLot, setSupplierLot] = useState('');
  const [supplier, setSupplier] = useState('');
  const [ingredient, setIngredient] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // No class is chosen for the user: a class II default on a Salmonella recall is how a class I goes out wrong.
  const [cls, setCls] = useState<(typeof RECALL_CLASSES)[number] | ''>('');
  const [reason, setReason] = useState('');
  const [discovered, setDiscovered] = useState('');
  const [strategy, setStrategy] = useState('');
  const [depth, setDepth] = useState<(typeof RECALL_DEPTHS)[number]>('retail');
  const [mock, setMock] = useState(params.get('mock') === '1');
  const [scenario, setScenario] = useState('');
  const [team, setTeam] = useState('');
  const [facts, setFacts] = useState<FactsForm>(EMPTY_FACTS);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const scope = (): Scope => {
    if (kind === 'lots') return { kind, lots: lots.map((l) => (l.item ? { item: l.item, lot: l.lot } : { lot: l.lot })) };
    if (kind === 'supplier_lot') return { kind, supplier_lot: supplierLot.trim(), ...(supplier.trim() ? { supplier: supplier.trim() } : {}) };
    return { kind, item: ingredient.trim(), from, to };
  };
  const factsReady = mock || (factsComplete(facts) && discovered.trim() !== '');
  const scopeReady = kind === 'lots' ? lots.length > 0 : kind === 'supplier_lot' ? supplierLot.trim() !== '' : ingredient.trim() !== '' && from !== '' && to !== '';
  const scopeKey = scopeReady ? JSON.stringify(scope()) : '';
  const preview = useScopePreview(scopeKey);
  // Opening waits for the class chosen and the scope previewed (what it covers is seen before it is opened).
  const previewed = preview.key === scopeKey && preview.data !== undefined;
  const ready = cls !== '' && reason.trim() !== '' && factsReady && scopeReady && previewed;
  const missing = [
    !scopeReady && 'what it starts from',
    cls === '' && 'the class',
    reason.trim() === '' && 'the reason',
    !factsReady && 'the 7.46(a) facts marked required',
    scopeReady && !previewed && !preview.error && 'the scope preview (loading)',
  ].filter(Boolean) as string[];

  const part11 = useAuth().status?.part11 === true;
  const [signing, setSigning] = useState(false);
  const start = async (signature?: SignatureInput): Promise<void> => {
    if (cls === '') return;
    const info = await api.call('recall:start', {
      scope: scope(), class: cls, reason, depth, mock,
      ...(discovered.trim() ? { discovered } : {}),
      ...(strategy.trim() ? { strategy } : {}),
      ...(mock && scenario.trim() ? { scenario } : {}),
      ...(mock && team.trim() ? { team } : {}),
      ...(Object.keys(factsOf(facts)).length > 0 ? { facts: factsOf(facts) } : {}),
      ...(signature ? { signature } : {}),
    });
    void navigate(`/recalls/${info.id}`);
  };

  const submit = async (): Promise<void> => {
    // A real recall in Part 11 mode is opened by signing it.
    if (part11 && !mock) {
      setSigning(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await start();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }} data-testid="start-recall-page">
      <Typography variant="h4" component="h1">
        {mock ? 'Start a mock recall' : 'Start a recall'}
      </Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack spacing={2}>
          <FormControl>
            <FormLabel>Start from</FormLabel>
            <RadioGroup row value={kind} onChange={(e) => setKind(e.target.value as ScopeKind)}>
              <FormControlLabel value="lots" control={<Radio />} label="Implicated lots" />
              <FormControlLabel value="supplier_lot" control={<Radio />} label="A supplier's lot" />
              <FormControlLabel value="ingredient" control={<Radio />} label="An ingredient over dates" />
            </RadioGroup>
          </FormControl>
          {kind === 'lots' && <LotPicker value={lots} onChange={setLots} label="Implicated lots" testId="recall-lots" />}
          {kind === 'supplier_lot' && (
            <Stack direction="row" spacing={2}>
              <TextField label="Supplier lot code" value={supplierLot} onChange={(e) => setSupplierLot(e.target.value)} sx={{ flex: 1 }} />
              <TextField label="Supplier (optional)" value={supplier} onChange={(e) => setSupplier(e.target.value)} sx={{ flex: 1 }} />
            </Stack>
          )}
          {kind === 'ingredient' && (
            <Stack direction="row" spacing={2}>
              <ItemField label="Ingredient item code" value={ingredient} onChange={setIngredient} live size="medium" width={320} testId="recall-ingredient" />
              <DateField label="From" value={from} onChange={setFrom} />
              <DateField label="To" value={to} onChange={setTo} />
            </Stack>
          )}
          <RecallScopePreview preview={preview.data} error={preview.error} loading={scopeReady && !previewed && !preview.error} />
          <FormControl required error={cls === '' && reason.trim() !== ''}>
            <FormLabel>Class (choose one: the health hazard evaluation decides it)</FormLabel>
            <RadioGroup value={cls} onChange={(e) => setCls(e.target.value as typeof cls)} data-testid="recall-class">
              {RECALL_CLASSES.map((c) => (
                <FormControlLabel key={c} value={c} control={<Radio />} label={CLASS_HELP[c]} />
              ))}
            </RadioGroup>
          </FormControl>
          <TextField label="Reason" required multiline minRows={2} value={reason} onChange={(e) => setReason(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'recall-reason' } }} />
          <TextField
            label="How it was discovered (circumstances)"
            required={!mock}
            value={discovered}
            onChange={(e) => setDiscovered(e.target.value)}
            placeholder="complaint, test result, supplier notice…"
            slotProps={{ htmlInput: { 'data-testid': 'recall-discovered' } }}
          />
          <TextField
            label="Recall strategy (21 CFR 7.42)"
            value={strategy}
            onChange={(e) => setStrategy(e.target.value)}
            multiline
            minRows={2}
            placeholder="depth, public warning, effectiveness checks, how consignees are notified…"
          />
          <TextField select label="Depth" value={depth} onChange={(e) => setDepth(e.target.value as typeof depth)} sx={{ maxWidth: 300 }}>
            {RECALL_DEPTHS.map((d) => (
              <MenuItem key={d} value={d}>
                {d} level
              </MenuItem>
            ))}
          </TextField>
          <RecallFactsFields value={facts} onChange={setFacts} required={!mock} />
          <FormControlLabel
            control={<Checkbox checked={mock} onChange={(e) => setMock(e.target.checked)} slotProps={{ input: { 'aria-label': 'mock recall' } }} />}
            label="Mock recall (an exercise: timed, nothing is sent to customers)"
          />
          {mock && (
            <Stack direction="row" spacing={2}>
              <TextField label="Scenario" value={scenario} onChange={(e) => setScenario(e.target.value)} sx={{ flex: 2 }} />
              <TextField label="Team" value={team} onChange={(e) => setTeam(e.target.value)} sx={{ flex: 1 }} />
            </Stack>
          )}
          <ErrorAlert error={error} />
          {missing.length > 0 && (
            <Typography variant="body2" color="text.secondary" data-testid="recall-missing">
              To {mock ? 'start' : 'open'} it, give {missing.join(', ')}.
            </Typography>
          )}
          <Stack direction="row" spacing={1}>
            <Button variant="contained" color={mock ? 'primary' : 'error'} disabled={!ready || busy} onClick={() => void submit()} data-testid="recall-submit">
              {mock ? 'Start mock recall (timer starts)' : 'Open recall'}
            </Button>
            <Button onClick={() => void navigate('/recalls')}>Cancel</Button>
          </Stack>
        </Stack>
      </Paper>
      <SignatureDialog
        open={signing}
        title="Open recall"
        signing={[
          ['Started from', kind === 'lots' ? lots.map((l) => (l.item ? `${l.item} / ${l.lot}` : l.lot)).join(', ') : kind === 'supplier_lot' ? `supplier lot ${supplierLot}` : `${ingredient} from ${from} to ${to}`],
          ['Class / depth', `Class ${cls} · ${depth} level`],
          ['Reason', reason],
        ]}
        meaning={SIGNATURE_MEANINGS['recall-open']}
        confirmLabel="Sign and open recall"
        onSign={start}
        onClose={() => setSigning(false)}
      />
    </Stack>
  );
}
