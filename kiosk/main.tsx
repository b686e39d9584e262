import { mountWithHall } from '../ui/boot.tsx';
import { adoptDeviceToken } from '../ui/device-token.ts';
import { App } from './app.tsx';

adoptDeviceToken();

void mountWithHall(document.getElementById('app')!, (hall) => <App hall={hall} />);
