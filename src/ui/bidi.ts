/**
 * Bidi controls in what visitors send (issue #19 L7). U+202E (RIGHT-TO-LEFT OVERRIDE) and its kin
 * reorder the characters after them, so "invoice\u202Efdp.exe" reads as "invoiceexe.pdf": inert,
 * but a way to spoof a file name or a link's text. Displayed lines show each such control as a
 * visible token instead, so the agent reads the characters in the order they were sent. (Each line
 * also sits in its own `dir="auto"` element, which isolates it from the panel around it.)
 */

/** Embeddings, overrides and their terminator (U+202A–U+202E); isolates (U+2066–U+2069). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

export function showBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`);
}
