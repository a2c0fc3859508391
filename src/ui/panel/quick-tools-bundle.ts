/** What entrypoints/quick-tools.content carries (see ./quick-tools.tsx). */
import { problemsBeforeSending } from '../../features/canned-responses/placeholders';
import { CannedPicker } from './canned/CannedPicker';
import { CommandPalette } from './palette/CommandPalette';
import { handlePanelKey } from './palette/panel-commands';
import css from './quick-tools.css?inline';

export const quickTools = { CannedPicker, CommandPalette, handlePanelKey, problemsBeforeSending, css };
