import { mountWithHall } from '../shared/boot.tsx';
import { App } from './app.tsx';

void mountWithHall(document.getElementById('app')!, (hall) => <App hall={hall} />);
