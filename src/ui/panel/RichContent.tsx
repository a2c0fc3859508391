/**
 * LivePerson structured content (`rich-content` lines) rendered from its data: text, images as
 * links, buttons, layouts. Never as HTML, never as raw JSON.
 */
import type { JSX } from 'preact';

interface Element {
  type?: unknown;
  text?: unknown;
  title?: unknown;
  url?: unknown;
  alt?: unknown;
  caption?: unknown;
  elements?: unknown;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const safeHttp = (value: unknown): string | undefined => (typeof value === 'string' && /^https?:\/\//i.test(value) ? value : undefined);

function renderElement(element: unknown, depth: number, key: number): JSX.Element | null {
  if (!element || typeof element !== 'object' || depth > 8) return null;
  const e = element as Element;
  switch (e.type) {
    case 'text':
      return <p key={key} class="rc-text" dir="auto">{str(e.text)}</p>;
    case 'image': {
      const url = safeHttp(e.url);
      const label = str(e.alt) || str(e.caption) || 'Image';
      return url ? (
        <a key={key} class="rc-image" href={url} target="_blank" rel="noopener noreferrer">🖼 {label}</a>
      ) : (
        <span key={key} class="rc-image">🖼 {label}</span>
      );
    }
    case 'button':
      return <button key={key} type="button" class="rc-button" disabled>{str(e.title) || 'Button'}</button>;
    case 'vertical':
    case 'horizontal':
      return (
        <div key={key} class={`rc-${e.type}`}>
          {Array.isArray(e.elements) ? e.elements.map((child, i) => renderElement(child, depth + 1, i)) : null}
        </div>
      );
    default:
      return str(e.text) || str(e.title) ? <p key={key} class="rc-text" dir="auto">{str(e.text) || str(e.title)}</p> : null;
  }
}

export function RichContent({ json, fallback }: { json: unknown; fallback: string }) {
  const rendered = renderElement(json, 0, 0);
  return rendered ?? <span dir="auto">{fallback || 'Structured content'}</span>;
}
