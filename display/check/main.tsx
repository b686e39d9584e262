import { mountWithHall } from '../../ui/boot.tsx';
import { Check } from './check.tsx';

void mountWithHall(document.getElementById('app')!, (hall) => <Check hall={hall} />);
