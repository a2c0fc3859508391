import { render } from 'preact';
import { z } from 'zod';
import { Popup } from '../../src/ui/popup/Popup';
import './../../src/ui/popup/popup.css';

z.config({ jitless: true });
render(<Popup />, document.getElementById('app')!);
