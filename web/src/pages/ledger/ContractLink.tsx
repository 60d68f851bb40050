// A contract's number as a link to its review case, followed inside the app (no page load) while
// still a real address to open in a new tab.
import { useRouter } from '../../router';
import { contractCasePath } from '../review/route';

export function ContractLink({ id, number }: { id: string; number: string }) {
  const { navigate } = useRouter();
  return (
    <a
      href={contractCasePath(id)}
      onClick={(e) => {
        e.preventDefault();
        navigate(contractCasePath(id));
      }}
    >
      {number}
    </a>
  );
}
