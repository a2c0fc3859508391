/** What the visit resource tells about the visitor: who, where from, what they answered. */
import type { Fact, VisitorDetails } from '../../messaging/view';
import type { WriteBackAct } from './write-back-act';
import { WriteBackButtons } from './WriteBackButtons';

function Facts({ title, facts, testId, act }: { title: string; facts: Fact[]; testId: string; act: WriteBackAct }) {
  if (!facts.length) return null;
  return (
    <div class="visitor-group" data-testid={testId}>
      <h3>{title}</h3>
      <dl>
        {facts.map((fact) => (
          <>
            <dt key={`${fact.label}-t`}>{fact.label}</dt>
            <dd key={`${fact.label}-d`} class="fact" data-testid="fact" data-label={fact.label}>
              <span dir="auto" data-testid="fact-value">
                {fact.value}
              </span>
              <WriteBackButtons text={() => fact.value} what={fact.label} act={act} />
            </dd>
          </>
        ))}
      </dl>
    </div>
  );
}

export function VisitorSection({ visitor, act }: { visitor?: VisitorDetails; act: WriteBackAct }) {
  if (!visitor) return null;
  return (
    <details class="visitor" data-testid="visitor-info">
      <summary>Visitor</summary>
      <Facts title="Pre-chat survey" facts={visitor.preChatSurvey} testId="prechat-survey" act={act} />
      <Facts title="Details" facts={visitor.facts} testId="visitor-facts" act={act} />
      <Facts title="Custom variables" facts={visitor.customVariables} testId="custom-variables" act={act} />
      {visitor.pages.length > 0 && (
        <div class="visitor-group">
          <h3>Pages</h3>
          <ul>
            {visitor.pages.map((page) => (
              <li key={page.url + (page.time ?? '')} class="fact">
                <span dir="auto">
                  {page.title ? `${page.title} — ` : ''}
                  {page.url}
                </span>
                <WriteBackButtons text={() => page.url} what={page.title ? `the address of “${page.title}”` : 'the page address'} act={act} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </details>
  );
}
