import { render } from 'preact';
import { TicketApp } from './app.tsx';

render(<TicketApp />, document.getElementById('app')!);
