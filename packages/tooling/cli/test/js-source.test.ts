// The lexical helpers the Hono scan stands on: comments go, strings and brackets stay whole.
import { describe, expect, it } from 'vitest';
import { blankComments, callArguments, stringValue } from '../src/js-source.js';

describe('js-source', () => {
  it('blanks comments but not comment markers inside strings, keeping offsets', () => {
    const text = "a('http://x') // b('/y')\n/* c('/z') */ d(`//${e('/w')}`)";
    const code = blankComments(text);
    expect(code).toHaveLength(text.length);
    expect(code).toContain("a('http://x')");
    expect(code).not.toContain("b('/y')");
    expect(code).not.toContain("c('/z')");
    expect(code).toContain("d(`//${e('/w')}`)");
  });

  it('splits arguments at top-level commas only', () => {
    const code = "get('/a,b', [x, y], (c) => f(c, { k: `${g(1, 2)}` }), h)";
    const { args, end } = callArguments(code, code.indexOf('('));
    expect(args.map((arg) => arg.text)).toEqual(["'/a,b'", '[x, y]', '(c) => f(c, { k: `${g(1, 2)}` })', 'h']);
    expect(end).toBe(code.length);
  });

  it('reads plain string literals only', () => {
    expect(stringValue("'/a'")).toBe('/a');
    expect(stringValue('"/b\\"c"')).toBe('/b"c');
    expect(stringValue('`/c`')).toBe('/c');
    expect(stringValue('`/${x}`')).toBeNull();
    expect(stringValue('PREFIX + "/d"')).toBeNull();
  });
});
