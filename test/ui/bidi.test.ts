/** Bidi controls a visitor sends show as visible tokens (src/ui/bidi.ts, issue #19 L7). */
import { describe, expect, it } from 'vitest';
import { showBidiControls } from '../../src/ui/bidi';

describe('showBidiControls', () => {
  it('shows overrides, embeddings and isolates as tokens, in the order sent', () => {
    expect(showBidiControls('invoice\u202Efdp.exe')).toBe('invoice[U+202E]fdp.exe');
    expect(showBidiControls('\u202Aa\u202Bb\u202Cc\u202Dd\u2066e\u2067f\u2068g\u2069')).toBe(
      '[U+202A]a[U+202B]b[U+202C]c[U+202D]d[U+2066]e[U+2067]f[U+2068]g[U+2069]',
    );
  });

  it('leaves ordinary right-to-left text alone', () => {
    expect(showBidiControls('שלום עולם')).toBe('שלום עולם');
    expect(showBidiControls('مرحبا')).toBe('مرحبا');
  });
});
