import { render } from 'preact';
import { ManageApp } from './app.tsx';

render(<ManageApp />, document.getElementById('app')!);
