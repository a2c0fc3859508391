/** What entrypoints/panel-tools.content carries (see ./tools.ts). */
import { AgentSurveyForm } from './AgentSurveyForm';
import { RichContent } from './RichContent';
import { TransferForm } from './TransferForm';
import { VisitorSection } from './VisitorSection';
import { copyText, fillField } from './write-back';
import { transcriptText } from '../transcript-text';
import { ComposerTranslation } from './translation/ComposerTranslation';
import { LineTranslation } from './translation/LineTranslation';
import { ReplyDueTimer } from './reply-due/ReplyDueTimer';
import { orderByUrgency } from './reply-due/urgency';
import css from './tools.css?inline';

export const panelTools = { AgentSurveyForm, RichContent, TransferForm, VisitorSection, copyText, fillField, transcriptText, LineTranslation, ComposerTranslation, ReplyDueTimer, orderByUrgency, css };
