import { render } from 'preact';
import { SidePanel } from '../../src/ui/dock/SidePanel';
import { purify } from '../../src/ui/purify';
import { providePurifier } from '../../src/ui/sanitize';
import { chatTools } from '../../src/ui/panel/tools';
import { panelTools } from '../../src/ui/panel/tools-bundle';
import { customerTools } from '../../src/ui/customer/load';
import { customerTools as customerParts } from '../../src/ui/customer/bundle';
import { quickTools } from '../../src/ui/panel/quick-tools';
import { quickTools as quickToolsBundle } from '../../src/ui/panel/quick-tools-bundle';
import '../../src/ui/panel/panel.css';
import '../../src/ui/dock/dock.css';
import { stylePanelIn } from '../../src/ui/panel-styles';

// An extension page: the parts CRM tabs load on demand are bundled here, their styles adopted by the page.
stylePanelIn(document);
providePurifier(purify);
chatTools.provide(panelTools);
customerTools.provide(customerParts);
quickTools.provide(quickToolsBundle);
render(<SidePanel />, document.getElementById('app')!);
