import { useRef } from 'react';
import { tokenize } from '../cypher/highlight.ts';

/**
 * A Cypher editor with syntax highlighting: a transparent textarea over a highlighted copy of its text, so the
 * browser's own editing, selection and undo keep working. Ctrl+Enter runs.
 */
export function CypherEditor({
  value,
  onChange,
  onRun,
}: {
  value: string;
  onChange: (v: string) => void;
  onRun: () => void;
}) {
  const pre = useRef<HTMLPreElement>(null);
  return (
    <div className="cypher-editor">
      <pre ref={pre} aria-hidden="true" className="cypher-highlight">
        {tokenize(value).map((token, i) => (
          <span key={i} className={`tok-${token.type}`}>
            {token.text}
          </span>
        ))}
        {'\n'}
      </pre>
      <textarea
        aria-label="Cypher query"
        spellCheck={false}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onScroll={(event) => {
          if (pre.current) {
            pre.current.scrollTop = event.currentTarget.scrollTop;
            pre.current.scrollLeft = event.currentTarget.scrollLeft;
          }
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            onRun();
          }
        }}
      />
    </div>
  );
}
