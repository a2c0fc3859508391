/** Copies or fills `text()`; `what` names it in sentences ("Email", "this line", "the transcript"). */
export type WriteBackAct = (action: 'copy' | 'fill', text: () => string, what: string, button: HTMLElement) => void;
