/** Show/hide logic and required answers of LivePerson surveys, as the survey structure describes. */
import type { AgentSurvey, SurveyQuestion } from '../../api/types';

export type Answers = Record<string, string[]>;

/** A question revealed by some entry's `showLogicId` is visible only while that entry is chosen. */
export function visibleQuestions(survey: AgentSurvey, answers: Answers): SurveyQuestion[] {
  return survey.questions.filter((question) => {
    const revealers = survey.questions.flatMap((q) =>
      q.entries.filter((e) => e.showLogicId === question.logicId).map((e) => ({ questionId: q.id, value: e.value })),
    );
    return revealers.length === 0 || revealers.some((r) => answers[r.questionId]?.includes(r.value));
  });
}

/** The first mandatory visible question left unanswered, if any. */
export function missingAnswer(survey: AgentSurvey, answers: Answers): SurveyQuestion | undefined {
  return visibleQuestions(survey, answers).find((q) => q.mandatory && !(answers[q.id]?.length));
}

/** Only answers to visible questions are sent. */
export function answersToSend(survey: AgentSurvey, answers: Answers): Answers {
  const visible = new Set(visibleQuestions(survey, answers).map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([id, values]) => visible.has(id) && values.length > 0));
}

export function initialAnswers(survey: AgentSurvey): Answers {
  return Object.fromEntries(survey.questions.map((q) => [q.id, q.entries.filter((e) => e.checked).map((e) => e.value)]));
}
