import { mountWithHall } from '../ui/boot.tsx';
import { App } from './app.tsx';
import { adoptDeviceToken } from '../ui/device-token.ts';

// Paired (docs/DEVICES.md): the token of `#device=` is kept and sent on every request.
adoptDeviceToken();
void mountWithHall(document.getElementById('app')!, (hall) => <App hall={hall} />);
