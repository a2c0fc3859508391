import { render } from 'preact';
import { z } from 'zod';
import { Options } from '../../src/ui/options/Options';
import './../../src/ui/popup/popup.css';
import './../../src/ui/options/options.css';

z.config({ jitless: true });
render(<Options />, document.getElementById('app')!);
