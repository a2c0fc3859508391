/** What the visit resource tells about the visitor: who, where from, what they answered. */
import type { Fact, VisitorDetails } from '../../messaging/view';

function Facts({ title, facts, testId }: { title: string; facts: Fact[]; testId: string }) {
  if (!facts.length) return null;
  return (
    <div class="visitor-group" data-testid={testId}>
      <h3>{title}</h3>
      <dl>
        {facts.map((fact) => (
          <>
            <dt key={`${fact.label}-t`}>{fact.label}</dt>
            <dd key={`${fact.label}-d`} dir="auto">
              {fact.value}
            </dd>
          </>
        ))}
      </dl>
    </div>
  );
}

export function VisitorSection({ visitor }: { visitor?: VisitorDetails }) {
  if (!visitor) return null;
  return (
    <details class="visitor" data-testid="visitor-info">
      <summary>Visitor</summary>
      <Facts title="Pre-chat survey" facts={visitor.preChatSurvey} testId="prechat-survey" />
      <Facts title="Details" facts={visitor.facts} testId="visitor-facts" />
      <Facts title="Custom variables" facts={visitor.customVariables} testId="custom-variables" />
      {visitor.pages.length > 0 && (
        <div class="visitor-group">
          <h3>Pages</h3>
          <ul>
            {visitor.pages.map((page) => (
              <li key={page.url + (page.time ?? '')} dir="auto">
                {page.title ? `${page.title} — ` : ''}
                {page.url}
              </li>
            ))}
          </ul>
        </div>
      )}
    </details>
  );
}
