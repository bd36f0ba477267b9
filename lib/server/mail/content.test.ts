import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config.js';
import { brandHeader, htmlMail, mailBrand } from './content';

const config = (env: Record<string, string> = {}) =>
  parseConfig({ SESSION_SECRET: 'x'.repeat(40), APP_URL: 'https://meet.contoso.com', ...env });

describe("the mails' brand", () => {
  it("shows the organization's name in its colour over a rule in its colour", () => {
    const brand = mailBrand(config({ BRAND_NAME: 'Contoso <Guests>', BRAND_PRIMARY_COLOR: '#0F6CBD' }));
    const header = brandHeader(brand);
    expect(header).toContain('Contoso &lt;Guests&gt;');
    expect(header).toContain('border-bottom:3px solid #0f6cbd');
    expect(header).not.toContain('<Guests>');
  });

  it('turns a logo path under public/ into an absolute URL, with the name as alt text', () => {
    const brand = mailBrand(config({ BRAND_NAME: 'Contoso', BRAND_LOGO_URL: '/brand/logo.png' }));
    expect(brand.logoUrl).toBe('https://meet.contoso.com/brand/logo.png');
    expect(brandHeader(brand)).toContain('<img src="https://meet.contoso.com/brand/logo.png" alt="Contoso"');
  });

  it('wraps every mail in the shell with the header first and links in the brand colour', () => {
    const brand = mailBrand(config({ BRAND_NAME: 'Fabrikam', BRAND_PRIMARY_COLOR: '#8a3707' }));
    const html = htmlMail('Your invitation', '<p>Hello</p>', 'en', brand);
    expect(html.indexOf('Fabrikam')).toBeLessThan(html.indexOf('<p>Hello</p>'));
    expect(html).toContain('a{color:#8a3707}');
  });

  it("is Vestibule's own when nothing is configured", () => {
    expect(mailBrand(config())).toEqual({ name: 'Vestibule', logoUrl: undefined, primaryColor: '#4f52b2' });
  });
});
