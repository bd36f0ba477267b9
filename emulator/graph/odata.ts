/** OData query options and resource shapes shared by the Graph handlers. */
import type { Ctx } from '../http';
import type { User } from '../store/users';

/** Graph query options are case-insensitive (`$top`, `$TOP`, `startDateTime`, `startdatetime`). */
export function query(ctx: Ctx, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of ctx.url.searchParams) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export function select<T extends object>(doc: T, selectParam: string | undefined): Partial<T> {
  if (!selectParam) return doc;
  const fields = new Set([
    'id',
    ...selectParam
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ]);
  return Object.fromEntries(Object.entries(doc).filter(([k]) => fields.has(k))) as Partial<T>;
}

export function userResource(u: User) {
  const [given, ...rest] = u.displayName.split(' ');
  return {
    businessPhones: [],
    displayName: u.displayName,
    givenName: given ?? null,
    jobTitle: null,
    mail: u.upn,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    surname: rest.join(' ') || null,
    userPrincipalName: u.upn,
    id: u.id,
  };
}
