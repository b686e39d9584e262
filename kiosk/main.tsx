import { mountWithHall } from '../ui/boot.tsx';
import { App } from './app.tsx';

void mountWithHall(document.getElementById('app')!, (hall) => <App hall={hall} />);
