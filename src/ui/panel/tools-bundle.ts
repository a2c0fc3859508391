/** What entrypoints/panel-tools.content carries (see ./tools.ts). */
import { AgentSurveyForm } from './AgentSurveyForm';
import { TransferForm } from './TransferForm';
import { VisitorSection } from './VisitorSection';
import { copyText, fillField } from './write-back';

export const panelTools = { AgentSurveyForm, TransferForm, VisitorSection, copyText, fillField };
