/** The wrap-up survey after a chat ends: rendered from LivePerson's structure, validated before sending. */
import { useEffect, useState } from 'preact/hooks';
import type { AgentSurvey, SurveyQuestion } from '../../api/types';
import { run } from '../store';
import { answersToSend, initialAnswers, missingAnswer, visibleQuestions, type Answers } from './survey-logic';

function Question({ q, value, onChange }: { q: SurveyQuestion; value: string[]; onChange: (v: string[]) => void }) {
  const label = (
    <span class="survey-label">
      {q.label}
      {q.mandatory && <span aria-hidden="true"> *</span>}
    </span>
  );
  if (q.type === 'dropdown') {
    return (
      <label class="survey-q" data-testid="survey-question" data-question-id={q.id}>
        {label}
        <select aria-required={q.mandatory} value={value[0] ?? ''} onChange={(e) => onChange([(e.target as HTMLSelectElement).value].filter(Boolean))}>
          <option value="">Choose…</option>
          {q.entries.map((e) => (
            <option key={e.value} value={e.value}>
              {e.value}
            </option>
          ))}
        </select>
      </label>
    );
  }
  const multiple = q.type === 'checkbox';
  return (
    <fieldset class="survey-q" data-testid="survey-question" data-question-id={q.id}>
      <legend>{label}</legend>
      {q.entries.map((e) => (
        <label key={e.value} class="survey-choice">
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={`q-${q.id}`}
            value={e.value}
            checked={value.includes(e.value)}
            onChange={(ev) => {
              const on = (ev.target as HTMLInputElement).checked;
              onChange(multiple ? (on ? [...value, e.value] : value.filter((v) => v !== e.value)) : [e.value]);
            }}
          />{' '}
          {e.value}
        </label>
      ))}
    </fieldset>
  );
}

export function AgentSurveyForm({ chatId, onError }: { chatId: string; onError: (m: string) => void }) {
  const [survey, setSurvey] = useState<AgentSurvey | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void run('getAgentSurvey', { chatId }).then((result) => {
      if (!result.ok) return onError(result.message);
      setSurvey(result.survey);
      setAnswers(initialAnswers(result.survey));
    });
  }, [chatId]);

  if (!survey) return null;

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing = missingAnswer(survey, answers);
    if (missing) {
      setProblem(`Answer the required question “${missing.label}”.`);
      return;
    }
    setProblem(null);
    setBusy(true);
    const result = await run('submitAgentSurvey', { chatId, surveyId: survey.id, answers: answersToSend(survey, answers) });
    setBusy(false);
    if (!result.ok) setProblem(result.message);
  };

  return (
    <form class="survey" data-testid="agent-survey" onSubmit={submit} noValidate>
      <h3>{survey.header}</h3>
      {visibleQuestions(survey, answers).map((q) => (
        <Question key={q.id} q={q} value={answers[q.id] ?? []} onChange={(v) => setAnswers({ ...answers, [q.id]: v })} />
      ))}
      {problem && (
        <p class="survey-problem" role="alert" data-testid="survey-problem">
          {problem}
        </p>
      )}
      <button type="submit" class="btn btn-primary" data-testid="survey-submit" disabled={busy}>
        Submit survey
      </button>
    </form>
  );
}
