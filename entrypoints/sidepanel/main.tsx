import { render } from 'preact';
import { SidePanel } from '../../src/ui/dock/SidePanel';
import { purify } from '../../src/ui/purify';
import { providePurifier } from '../../src/ui/sanitize';
import '../../src/ui/panel/panel.css';
import '../../src/ui/dock/dock.css';

// An extension page: the sanitizer is bundled here, not injected on demand as in CRM tabs.
providePurifier(purify);
render(<SidePanel />, document.getElementById('app')!);
