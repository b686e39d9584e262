import { render } from 'preact';
import { Pad } from './pad.tsx';

render(<Pad />, document.getElementById('app')!);
