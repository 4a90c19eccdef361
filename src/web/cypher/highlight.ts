/** A minimal Cypher tokenizer for the editor's syntax highlighting: keywords, strings, numbers, params, labels. */

export type TokenType =
  'keyword' | 'function' | 'string' | 'number' | 'param' | 'label' | 'comment' | 'variable' | 'punct' | 'space';

export interface Token {
  type: TokenType;
  text: string;
}

const KEYWORDS = new Set(
  (
    'MATCH OPTIONAL WHERE RETURN WITH UNWIND AS ORDER BY ASC ASCENDING DESC DESCENDING SKIP LIMIT DISTINCT AND OR XOR NOT ' +
    'IN IS NULL TRUE FALSE CASE WHEN THEN ELSE END CALL YIELD UNION ALL EXISTS COUNT CONTAINS STARTS ENDS ' +
    'CREATE MERGE SET DELETE DETACH REMOVE ON FOREACH LOAD CSV USING INDEX'
  ).split(' '),
);

const RULES: [TokenType, RegExp][] = [
  ['space', /^\s+/],
  ['comment', /^\/\/[^\n]*/],
  ['comment', /^\/\*[\s\S]*?(\*\/|$)/],
  ['string', /^'(?:[^'\\]|\\.)*'?/],
  ['string', /^"(?:[^"\\]|\\.)*"?/],
  ['param', /^\$[A-Za-z_][A-Za-z0-9_]*/],
  ['label', /^:[ \t]*`[^`]*`/],
  ['label', /^:[ \t]*[A-Za-z_][A-Za-z0-9_]*/],
  ['number', /^\d+(\.\d+)?([eE][+-]?\d+)?/],
  ['variable', /^[A-Za-z_][A-Za-z0-9_]*/],
  ['variable', /^`[^`]*`?/],
  ['punct', /^[\s\S]/],
];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let rest = source;
  let braces = 0;
  while (rest.length > 0) {
    for (const [type, pattern] of RULES) {
      const match = pattern.exec(rest);
      if (!match) continue;
      let text = match[0];
      let kind = type;
      if (type === 'variable' && !text.startsWith('`')) {
        if (KEYWORDS.has(text.toUpperCase())) kind = 'keyword';
        else if (/^\s*\(/.test(rest.slice(text.length))) kind = 'function';
      }
      // Inside a map literal `{name: x}` a colon after a key is punctuation, not a label.
      if (type === 'label' && braces > 0) {
        kind = 'punct';
        text = ':';
      }
      if (kind === 'punct' && text === '{') braces++;
      if (kind === 'punct' && text === '}') braces = Math.max(0, braces - 1);
      const last = tokens[tokens.length - 1];
      if (last && last.type === kind && kind === 'space') last.text += text;
      else tokens.push({ type: kind, text });
      rest = rest.slice(text.length);
      break;
    }
  }
  return tokens;
}
