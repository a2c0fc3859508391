/** The agent's own library: create, edit, delete; its storage item; export and import. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { exportLibrary, importIntoLibrary, parseLibraryFile } from '../../../src/features/canned-responses/library-file';
import {
  addResponse,
  deleteResponse,
  editResponse,
  EMPTY_PERSONAL_LIBRARY,
  personalLibraryItem,
  personalResponses,
  type LibraryEnv,
  type PersonalLibrary,
} from '../../../src/features/canned-responses/personal-library';

function env(): LibraryEnv {
  let n = 0;
  return { newId: () => `id${++n}`, now: () => 1_700_000_000_000 + n };
}

function library(...inputs: Array<Parameters<typeof addResponse>[1]>): PersonalLibrary {
  const e = env();
  return inputs.reduce<PersonalLibrary>((lib, input) => {
    const change = addResponse(lib, input, e);
    if (!change.ok) throw new Error(change.errors.join('; '));
    return change.library;
  }, EMPTY_PERSONAL_LIBRARY);
}

describe('create, edit, delete', () => {
  it('adds a response with a generated id, detecting HTML and normalising the shortcut', () => {
    const change = addResponse(EMPTY_PERSONAL_LIBRARY, { title: ' Hours ', text: 'We are open <b>9–17</b>.', shortcut: '/Hours' }, env());
    expect(change).toMatchObject({ ok: true, response: { id: 'id1', title: 'Hours', format: 'html', shortcut: 'hours', categories: [], skillIds: [] } });
  });

  it('refuses what is wrong, one sentence per problem', () => {
    const change = addResponse(EMPTY_PERSONAL_LIBRARY, { title: '', text: '   ', shortcut: 'two words' }, env());
    expect(change).toEqual({
      ok: false,
      errors: ['title: needs a title', 'text: needs a text', 'shortcut: must be one word of letters, digits, - or _ (at most 32)'],
    });
  });

  it('refuses a shortcut the library already uses, but lets a response keep its own', () => {
    const lib = library({ title: 'A', text: 'a', shortcut: 'hi' }, { title: 'B', text: 'b' });
    expect(addResponse(lib, { title: 'C', text: 'c', shortcut: 'HI' }, env())).toEqual({ ok: false, errors: ['shortcut: /hi is already used by "A"'] });
    const [a, b] = lib.responses;
    expect(editResponse(lib, b!.id, { title: 'B', text: 'b', shortcut: 'hi' }, env())).toMatchObject({ ok: false });
    const kept = editResponse(lib, a!.id, { title: 'A2', text: 'a2', shortcut: 'hi' }, { now: () => 5 });
    expect(kept).toMatchObject({ ok: true, response: { id: a!.id, title: 'A2', updatedAt: 5 } });
  });

  it('edits in place and deletes by id', () => {
    const lib = library({ title: 'A', text: 'a' }, { title: 'B', text: 'b' });
    const edited = editResponse(lib, lib.responses[1]!.id, { title: 'B!', text: 'b!' }, env());
    if (!edited.ok) throw new Error('edit failed');
    expect(edited.library.responses.map((r) => r.title)).toEqual(['A', 'B!']);
    expect(editResponse(lib, 'nope', { title: 'x', text: 'x' }, env())).toEqual({ ok: false, errors: ['This response no longer exists.'] });
    expect(deleteResponse(edited.library, lib.responses[0]!.id).responses.map((r) => r.title)).toEqual(['B!']);
  });

  it('offers its responses as canned responses keyed personal:<id>', () => {
    const lib = library({ title: 'A', text: 'a', shortcut: 'aa', lang: 'en-US' });
    expect(personalResponses(lib)).toEqual([
      { key: 'personal:id1', source: 'personal', title: 'A', text: 'a', format: 'plain', shortcut: 'aa', lang: 'en-US', categories: [], skillIds: [] },
    ]);
  });
});

describe('storage item', () => {
  beforeEach(() => fakeBrowser.reset());

  it('starts empty and keeps what is saved', async () => {
    expect(await personalLibraryItem.getValue()).toEqual({ responses: [] });
    const lib = library({ title: 'A', text: 'a' });
    await personalLibraryItem.setValue(lib);
    expect(await personalLibraryItem.getValue()).toEqual(lib);
    expect(personalLibraryItem.key).toBe('local:cannedResponses.personal');
  });
});

describe('export and import', () => {
  it('round-trips a library through its file', () => {
    const lib = library({ title: 'A', text: 'Hi {visitorName}', shortcut: 'a', categories: ['Greetings'] }, { title: 'B', text: '<p>b</p>', skillIds: ['2'] });
    const file = exportLibrary(lib);
    expect(JSON.parse(file)).toEqual({
      format: 'agent-dock-canned-responses',
      version: 1,
      responses: [
        { title: 'A', text: 'Hi {visitorName}', format: 'plain', shortcut: 'a', categories: ['Greetings'] },
        { title: 'B', text: '<p>b</p>', format: 'html', skillIds: ['2'] },
      ],
    });
    const parsed = parseLibraryFile(file);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const imported = importIntoLibrary(EMPTY_PERSONAL_LIBRARY, parsed.responses, env());
    if (!imported.ok) throw new Error(imported.errors.join('\n'));
    expect(imported.added).toBe(2);
    expect(exportLibrary(imported.library)).toBe(file);
  });

  it('says what is wrong with a file, one line per problem, naming the response', () => {
    const file = JSON.stringify({
      format: 'agent-dock-canned-responses',
      version: 1,
      responses: [
        { title: 'Fine', text: 'ok', shortcut: 'x' },
        { title: 'Greeting', text: '' },
        { title: 'Dup', text: 'd', shortcut: 'X' },
        { text: 'no title', colour: 'red' },
      ],
    });
    expect(parseLibraryFile(file)).toEqual({
      ok: false,
      errors: [
        'Response 2 ("Greeting") text: needs a text',
        'Response 3 ("Dup"): shortcut /x is already used by response 1',
        'Response 4 title: Invalid input: expected string, received undefined',
        'Response 4: Unrecognized key: "colour"',
      ],
    });
  });

  it('refuses what is not a library file, and a newer version, with a sentence', () => {
    expect(parseLibraryFile('{nope')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^The file is not JSON/)] });
    expect(parseLibraryFile('{"format":"agent-dock-site-rules","version":1,"rules":[]}')).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^This is not an Agent Dock canned-response file/)],
    });
    expect(parseLibraryFile('{"format":"agent-dock-canned-responses","version":2,"responses":[]}')).toEqual({
      ok: false,
      errors: ['The file was written by a newer Agent Dock (version 2); this one reads version 1.'],
    });
    const many = JSON.stringify({ format: 'agent-dock-canned-responses', version: 1, responses: Array.from({ length: 30 }, () => ({})) });
    const result = parseLibraryFile(many);
    expect(result.ok || result.errors.length).toBe(21);
    expect(result.ok || result.errors.at(-1)).toBe('… and 40 more problems.');
  });

  it('skips responses already there and refuses a shortcut the library uses', () => {
    const lib = library({ title: 'A', text: 'a', shortcut: 'hi' });
    const again = importIntoLibrary(lib, [{ title: 'A', text: 'a', categories: [], skillIds: [] }, { title: 'New', text: 'n', categories: [], skillIds: [] }], env());
    expect(again).toMatchObject({ ok: true, added: 1, skipped: 1 });
    const clash = importIntoLibrary(lib, [{ title: 'Other', text: 'o', shortcut: 'hi', categories: [], skillIds: [] }], env());
    expect(clash).toEqual({ ok: false, errors: ['Response 1 ("Other"): shortcut: /hi is already used by "A"'] });
  });
});
