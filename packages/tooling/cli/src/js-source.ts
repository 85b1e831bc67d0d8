// Just enough of JavaScript's lexical structure to read calls from source text: comments blanked,
// strings, template literals and brackets skipped as wholes, call arguments split at top-level commas.
// Not a parser: regular-expression literals are read as code (rare in route files).

/** The text with every comment replaced by spaces (line breaks kept), so offsets stay those of the file. */
export function blankComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (char === '"' || char === "'" || char === '`') {
      const end = skipString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (char === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += char;
      i += 1;
    }
  }
  return out;
}

/** The index just past the string or template literal that starts at `start` (unterminated: the end of the text). */
export function skipString(code: string, start: number): number {
  const quote = code[start];
  let i = start + 1;
  while (i < code.length) {
    const char = code[i];
    if (char === '\\') i += 2;
    else if (char === quote) return i + 1;
    else if (quote === '`' && char === '$' && code[i + 1] === '{') i = closing(code, i + 1);
    else if (quote !== '`' && char === '\n') return i;
    else i += 1;
  }
  return code.length;
}

/** The index just past the bracket that closes the one at `open` (`(`, `[` or `{`). */
export function closing(code: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < code.length) {
    const char = code[i] ?? '';
    if (char === '"' || char === "'" || char === '`') {
      i = skipString(code, i);
      continue;
    }
    if (char === '(' || char === '[' || char === '{') depth += 1;
    else if (char === ')' || char === ']' || char === '}') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
    i += 1;
  }
  return code.length;
}

/** One argument of a call: its text (trimmed) and where it starts. */
export interface CallArgument {
  readonly text: string;
  readonly start: number;
}

/** The arguments of the call whose `(` is at `open`, and the index just past its `)`. */
export function callArguments(code: string, open: number): { args: CallArgument[]; end: number } {
  const end = closing(code, open);
  const args: CallArgument[] = [];
  let from = open + 1;
  let i = from;
  const push = (to: number): void => {
    const raw = code.slice(from, to);
    if (raw.trim() !== '') args.push({ text: raw.trim(), start: from + raw.length - raw.trimStart().length });
  };
  while (i < end - 1) {
    const char = code[i] ?? '';
    if (char === '"' || char === "'" || char === '`') i = skipString(code, i);
    else if (char === '(' || char === '[' || char === '{') i = closing(code, i);
    else if (char === ',') {
      push(i);
      from = i + 1;
      i += 1;
    } else i += 1;
  }
  push(end - 1);
  return { args, end };
}

/** The value of a plain string literal (`'/x'`, `"/x"`, or a template without `${}`), else `null`. */
export function stringValue(text: string): string | null {
  const match = /^(['"`])((?:\\.|(?!\1)[^\\])*)\1$/s.exec(text);
  if (match === null || (match[1] === '`' && (match[2] ?? '').includes('${'))) return null;
  return (match[2] ?? '').replace(/\\(.)/g, '$1');
}
