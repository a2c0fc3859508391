import { render } from 'preact';
import { SidePanel } from '../../src/ui/dock/SidePanel';
import '../../src/ui/panel/panel.css';
import '../../src/ui/dock/dock.css';

render(<SidePanel />, document.getElementById('app')!);
