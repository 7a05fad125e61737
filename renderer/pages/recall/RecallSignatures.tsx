/** A recall's electronic signatures (opening, closing) with their validity now; nothing when it has none (Part 11 mode off, or a mock recall). */
import { useCall } from '../../api/use-call';
import { Section } from '../../components/Section';
import { SignatureList } from '../../components/SignatureList';

export function RecallSignatures({ code }: { code: string }) {
  const opened = useCall('signature:list', { entity: 'recall', key: code });
  const closed = useCall('signature:list', { entity: 'recall-closure', key: code });
  const all = [...(opened.data ?? []), ...(closed.data ?? [])];
  if (all.length === 0) return null;
  return (
    <Section title="Electronic signatures" testId="recall-signatures">
      <SignatureList signatures={all} />
    </Section>
  );
}
