// @vitest-environment jsdom
/**
 * The popup shows where the password goes before it is typed (issue #19 M1), whatever the form
 * holds: the saved account or what the agent typed.
 */
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { SignInDestination } from '../../../src/ui/popup/SignInForm';

const shown = (csdsUrl: string, accountId = '12345678') => {
  const container = document.createElement('div');
  render(<SignInDestination csdsUrl={csdsUrl} accountId={accountId} />, container);
  return container.querySelector('[data-testid="signin-destination"]')!;
};

describe('the sign-in destination', () => {
  it('names the LivePerson host and account', () => {
    const line = shown('https://api.liveperson.net');
    expect(line.textContent).toBe('Your password goes to api.liveperson.net (LivePerson), account 12345678.');
    expect(line.className).toBe('hint');
  });

  it('warns about a host that is not LivePerson’s', () => {
    const line = shown('https://login.evil.example');
    expect(line.textContent).toBe('login.evil.example is not a LivePerson host: Agent Dock will not send your password there.');
    expect(line.className).toBe('error');
  });
});
