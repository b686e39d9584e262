import { mountWithHall } from '../../ui/boot.tsx';
import { ResultsApp } from './app.tsx';

void mountWithHall(document.getElementById('app')!, (hall) => <ResultsApp hall={hall} />);
