import { useEffect, useId, useRef, useState } from 'react';
import { searchEntities, type SearchResult } from '../api.ts';
import { openTrace, reportError } from '../app/actions.ts';
import { KIND_COLORS, KIND_LABELS } from '../graph/appearance.ts';

/**
 * Search any entity, facility or site by name, alias or identifier (the server's typo-tolerant full-text
 * index), with suggestions as you type. `/` focuses it; arrows move, Enter opens, Esc closes.
 */
export function SearchBox() {
  const [text, setText] = useState('');
  const [results, setResults] = useState<SearchResult[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing =
        target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if (event.key === '/' && !typing) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      searchEntities(query, 8, controller.signal)
        .then((found) => {
          setResults(found);
          setActive(0);
          setOpen(true);
        })
        .catch((error: unknown) => reportError(error));
    }, 120);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  // Fewer than two characters: no suggestions (the last answer is kept but not shown).
  const shown = text.trim().length >= 2 ? results : [];
  const choose = (result: SearchResult | undefined) => {
    if (!result) return;
    setOpen(false);
    setText(result.name);
    input.current?.blur();
    void openTrace(result.key);
  };

  return (
    <div className="search">
      <input
        ref={input}
        type="search"
        placeholder="Search entities, facilities, sites…  ( / )"
        aria-label="Search"
        role="combobox"
        aria-expanded={open && shown.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && shown[active] ? `${listId}-${active}` : undefined}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(shown.length - 1, i + 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((i) => Math.max(0, i - 1));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            choose(shown[active]);
          } else if (event.key === 'Escape') {
            setOpen(false);
            input.current?.blur();
          }
        }}
      />
      {open && shown.length > 0 && (
        <ul className="suggestions" role="listbox" id={listId} aria-label="Suggestions">
          {shown.map((result, index) => (
            <li
              key={result.key}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              data-key={result.key}
              className={index === active ? 'active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                choose(result);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span className="swatch" style={{ background: KIND_COLORS[result.kind] }} />
              <span className="name">{result.name}</span>
              <span className="meta">
                {KIND_LABELS[result.kind]}
                {result.country ? ` · ${result.country}` : ''}
                {result.aliases?.length ? ` · aka ${result.aliases.slice(0, 2).join(', ')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
