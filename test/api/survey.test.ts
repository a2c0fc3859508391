/**
 * The agent survey's reading of odd flags. LivePerson documents the element names (A26) but no
 * example, so the booleans are read as the other resources send them: true/false, or the strings
 * "true"/"false" in any case; a flag that is neither counts as absent and the survey still shows.
 */
import { describe, expect, it } from 'vitest';
import type { Http } from '../../src/api/http';
import { getAgentSurvey } from '../../src/api/survey';

/** Answers every request with `body`, read through the request's own schema. */
const answering = (body: unknown): Http => ({
  allows: () => true,
  request: async (req) => {
    const read = req.schema.safeParse(body);
    return read.success ? { ok: true, value: read.data } : { ok: false, error: { kind: 'http', status: 200, message: read.error.message } };
  },
});

describe('agent survey flags', () => {
  it('reads "TRUE"/"false" strings, and takes a flag it cannot read as absent', async () => {
    const body = {
      survey: {
        id: '7',
        question: [
          { id: '1', type: 'checkbox', label: 'Topics', mandatory: 'TRUE', entry: [{ value: 'Billing', checked: 'false' }, { value: 'Other', checked: 'yes' }] },
          { id: '2', type: 'radio', label: 'Resolved?', mandatory: '', entry: { value: 'Yes', checked: true } },
        ],
      },
    };
    const survey = await getAgentSurvey(answering(body), { bearer: 'b' }, 'https://va.liveperson.net/api/account/1/agentSession/s/chat/c/agentSurvey');
    expect(survey.ok).toBe(true);
    if (!survey.ok) return;
    expect(survey.value.questions.map((q) => [q.label, q.mandatory])).toEqual([['Topics', true], ['Resolved?', false]]);
    expect(survey.value.questions[0]!.entries.map((e) => e.checked)).toEqual([false, false]);
    expect(survey.value.questions[1]!.entries.map((e) => e.checked)).toEqual([true]);
  });
});
