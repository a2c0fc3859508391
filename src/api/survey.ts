/**
 * The agent survey (A26 structure, A27 submit). LivePerson gives the element names but no example;
 * we read the shape the reference infers from the visitor-side surveys, tolerantly: booleans and
 * numbers as strings, lists of one as objects, questions under `questions.question` or `question`.
 */
import { z } from 'zod';
import type { Http, RequestAuth } from './http';
import { booleanish, idish, listOf } from './quirks';
import type { AgentSurvey, Result, SurveyQuestionType } from './types';

const entrySchema = z.looseObject({
  value: z.union([z.string(), z.number()]).transform(String),
  // A flag we cannot read counts as absent (not checked, not mandatory): the survey still shows.
  checked: booleanish.optional().catch(undefined),
  logic: z.looseObject({ showLogicId: idish.optional() }).optional(),
});

const questionSchema = z.looseObject({
  id: idish,
  logicId: idish.optional(),
  order: z.union([z.string(), z.number()]).transform(Number).optional(),
  mandatory: booleanish.optional().catch(undefined),
  type: z.string().optional(),
  label: z.string().optional(),
  entry: listOf(entrySchema),
});

const surveySchema = z.object({
  survey: z.looseObject({
    id: idish,
    header: z.string().optional(),
    questions: z.object({ question: listOf(questionSchema) }).optional(),
    question: listOf(questionSchema).optional(),
  }),
});

function questionType(type: string | undefined): SurveyQuestionType {
  const t = (type ?? '').toLowerCase();
  if (t.startsWith('checkbox')) return 'checkbox';
  if (t.startsWith('radio')) return 'radio';
  if (t.startsWith('dropdown')) return 'dropdown';
  return 'text';
}

export async function getAgentSurvey(http: Http, auth: RequestAuth, surveyUrl: string): Promise<Result<AgentSurvey>> {
  const result = await http.request({ url: surveyUrl, chatAgentApi: true, auth, schema: surveySchema });
  if (!result.ok) return result;
  const survey = result.value.survey;
  const questions = [...(survey.questions?.question ?? []), ...(survey.question ?? [])]
    .map((q, index) => ({
      id: q.id,
      logicId: q.logicId ?? q.id,
      order: q.order ?? index,
      mandatory: q.mandatory ?? false,
      type: questionType(q.type),
      label: q.label ?? `Question ${q.id}`,
      entries: q.entry.map((e) => ({ value: e.value, checked: e.checked ?? false, showLogicId: e.logic?.showLogicId })),
    }))
    .sort((a, b) => a.order - b.order);
  return { ok: true, value: { id: survey.id, header: survey.header ?? 'Agent survey', questions } };
}

export async function submitAgentSurvey(
  http: Http,
  auth: RequestAuth,
  surveyUrl: string,
  surveyId: string,
  answers: Record<string, string[]>,
): Promise<Result<void>> {
  const question = Object.entries(answers)
    .filter(([, values]) => values.length > 0)
    .map(([id, values]) => ({ id, answer: values.length === 1 ? values[0] : values }));
  const result = await http.request({ method: 'PUT', url: surveyUrl, chatAgentApi: true, auth, body: { survey: { id: surveyId, question } }, schema: z.unknown() });
  return result.ok ? { ok: true, value: undefined } : result;
}
