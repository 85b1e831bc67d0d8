import { describe, expect, it } from 'vitest';
import { parseRequestCookies } from './request-cookies.js';
import { MAX_SESSION_VARIANTS, sessionCookieVariants } from './session-cookie-variants.js';

const NAME = 'sb-x-auth-token';
const variantsOf = (header: string) => sessionCookieVariants(header, parseRequestCookies(header), NAME);

describe('sessionCookieVariants', () => {
  it('has nothing to add when the session cookie appears once (the usual case)', () => {
    expect(variantsOf(`theme=dark; ${NAME}=base64-a`)).toEqual([]);
    expect(variantsOf(`${NAME}.0=base64-a; ${NAME}.1=b`)).toEqual([]);
    expect(variantsOf('theme=dark')).toEqual([]);
    expect(sessionCookieVariants(null, [], NAME)).toEqual([]);
  });

  it('offers the later occurrence of a duplicated name, keeping the other cookies', () => {
    expect(variantsOf(`${NAME}=planted; theme=dark; ${NAME}=real`)).toEqual([[{ name: NAME, value: 'real' }, { name: 'theme', value: 'dark' }]]);
  });

  it('counts an empty planted value as an occurrence (the browser reading keeps the empty one)', () => {
    expect(variantsOf(`${NAME}=; ${NAME}=real`)).toEqual([[{ name: NAME, value: 'real' }]]);
  });

  it('offers the chunks without an unchunked cookie that shadows them', () => {
    expect(variantsOf(`${NAME}=planted; ${NAME}.0=a; ${NAME}.1=b`)).toEqual([[{ name: `${NAME}.0`, value: 'a' }, { name: `${NAME}.1`, value: 'b' }]]);
  });

  it('tries every choice of one occurrence per chunk name', () => {
    const variants = variantsOf(`${NAME}.0=p0; ${NAME}.1=p1; ${NAME}.0=a; ${NAME}.1=b`);
    expect(variants).toContainEqual([{ name: `${NAME}.0`, value: 'a' }, { name: `${NAME}.1`, value: 'b' }]);
    expect(variants).toHaveLength(3);
  });

  it('ignores names that only start like a chunk, and decodes values like the parser', () => {
    expect(variantsOf(`${NAME}.x=1; ${NAME}=a%20b; ${NAME}=c%3Bd`)).toEqual([[{ name: NAME, value: 'c;d' }, { name: `${NAME}.x`, value: '1' }]]);
  });

  it(`returns at most ${MAX_SESSION_VARIANTS} readings however many duplicates arrive`, () => {
    const header = Array.from({ length: 40 }, (_, i) => `${NAME}.${i % 4}=v${i}`).join('; ');
    expect(variantsOf(header)).toHaveLength(MAX_SESSION_VARIANTS);
  });
});
