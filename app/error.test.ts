import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import ErrorPage from './error';
import GlobalError from './global-error';

const failure = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432 at Pool.connect (/srv/app/db.js:12)'), {
  digest: '2871939012',
});

describe.each([
  ['the page error', ErrorPage],
  ['the global error', GlobalError],
])('%s', (_name, Page) => {
  const html = renderToStaticMarkup(createElement(Page, { error: failure, reset: () => undefined }));

  it('says what happened and offers a way on, in the site’s own words', () => {
    expect(html).toContain('<h1');
    expect(html).toContain('Something went wrong');
    expect(html).toContain('Try again');
    expect(html).toContain('href="/"');
  });

  it('shows the log reference but never the error’s message or stack', () => {
    expect(html).toContain('2871939012');
    expect(html).not.toContain('ECONNREFUSED');
    expect(html).not.toContain('db.js');
  });
});
