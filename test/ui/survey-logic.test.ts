import { describe, expect, it } from 'vitest';
import type { AgentSurvey } from '../../src/api/types';
import { answersToSend, initialAnswers, missingAnswer, visibleQuestions } from '../../src/ui/panel/survey-logic';

const survey: AgentSurvey = {
  id: '7001',
  header: 'Wrap-up',
  questions: [
    { id: '1', logicId: '1', order: 1, mandatory: true, type: 'dropdown', label: 'Reason', entries: [{ value: 'Billing', checked: false }, { value: 'Other', checked: false, showLogicId: '3' }] },
    { id: '2', logicId: '2', order: 2, mandatory: false, type: 'radio', label: 'Resolved?', entries: [{ value: 'Yes', checked: true }, { value: 'No', checked: false }] },
    { id: '3', logicId: '3', order: 3, mandatory: true, type: 'checkbox', label: 'Other topics', entries: [{ value: 'Account', checked: false }] },
  ],
};

describe('survey logic', () => {
  it('starts from the pre-checked entries', () => {
    expect(initialAnswers(survey)).toEqual({ '1': [], '2': ['Yes'], '3': [] });
  });

  it('hides a question until the entry that reveals it is chosen', () => {
    expect(visibleQuestions(survey, { '1': ['Billing'] }).map((q) => q.id)).toEqual(['1', '2']);
    expect(visibleQuestions(survey, { '1': ['Other'] }).map((q) => q.id)).toEqual(['1', '2', '3']);
  });

  it('requires mandatory visible questions only', () => {
    expect(missingAnswer(survey, {})?.label).toBe('Reason');
    expect(missingAnswer(survey, { '1': ['Billing'] })).toBeUndefined();
    expect(missingAnswer(survey, { '1': ['Other'] })?.label).toBe('Other topics');
  });

  it('sends answers to visible questions only', () => {
    expect(answersToSend(survey, { '1': ['Billing'], '2': ['No'], '3': ['Account'] })).toEqual({ '1': ['Billing'], '2': ['No'] });
  });
});
