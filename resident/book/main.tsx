import { mountWithHall } from '../../ui/boot.tsx';
import { BookApp } from './app.tsx';

void mountWithHall(document.getElementById('app')!, (hall) => <BookApp hall={hall} />);
