import { CommunicationIdentityClient } from '@azure/communication-identity';
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ACS_RESOURCE_ID, DEV_ONLY_ACS_ACCESS_KEY } from '../constants';
import { acsTeamsTokenFor, createTestUser, signIn, startTestEmulator, type TestEmulator } from '../testing';
import { signRequest } from './hmac';

let emu: TestEmulator;
let client: CommunicationIdentityClient;
beforeAll(async () => {
  emu = await startTestEmulator();
  client = new CommunicationIdentityClient(emu.connectionString, { allowInsecureConnection: true });
});
afterAll(async () => {
  await emu.stop();
});

const ID_RE = new RegExp(`^8:acs:${ACS_RESOURCE_ID}_[0-9a-f-]{36}$`);

async function signedFetch(
  path: string,
  method: string,
  body: string | undefined,
  opts: { signBody?: string; key?: string } = {},
) {
  const url = `${emu.url}${path}`;
  const headers = signRequest({ key: opts.key ?? DEV_ONLY_ACS_ACCESS_KEY, method, url, body: opts.signBody ?? body });
  return fetch(url, { method, headers: { ...headers, 'content-type': 'application/json' }, body });
}

describe('ACS Identity with CommunicationIdentityClient', () => {
  it('uses the well-known dev connection string', () => {
    expect(emu.connectionString).toBe(`endpoint=${emu.url}/;accesskey=${DEV_ONLY_ACS_ACCESS_KEY}`);
  });

  it('creates a user, and a user with a token whose JWT verifies against /acs/jwks', async () => {
    const user = await client.createUser();
    expect(user.communicationUserId).toMatch(ID_RE);

    const before = Date.now();
    const { user: u2, token, expiresOn } = await client.createUserAndToken(['voip', 'chat']);
    expect(u2.communicationUserId).toMatch(ID_RE);
    // Default lifetime 24 h.
    expect(expiresOn.getTime() - before).toBeGreaterThan(1439 * 60_000);
    expect(expiresOn.getTime() - before).toBeLessThan(1441 * 60_000);

    const jwks = (await (await fetch(`${emu.url}/acs/jwks`)).json()) as { keys: Array<Record<string, unknown>> };
    const kid = decodeProtectedHeader(token).kid;
    const jwk = jwks.keys.find((k) => k.kid === kid);
    expect(jwk).toBeDefined();
    const { payload } = await jwtVerify(token, await importJWK(jwk as never, 'RS256'));
    // Exactly the claims of a real ACS token (decoded from one issued by Azure), in the same shapes.
    expect(Object.keys(payload)).toEqual([
      'skypeid',
      'scp',
      'csi',
      'exp',
      'rgn',
      'acsScope',
      'resourceId',
      'resourceLocation',
      'iat',
    ]);
    expect(payload).toMatchObject({
      skypeid: u2.communicationUserId.slice(2),
      scp: 1792,
      csi: String(payload.iat),
      acsScope: 'voip,chat',
      resourceId: ACS_RESOURCE_ID,
      resourceLocation: 'unitedstates',
      rgn: 'amer',
    });
    expect(Object.keys(decodeProtectedHeader(token)).sort()).toEqual(['alg', 'kid', 'typ', 'x5t']);
    expect(decodeProtectedHeader(token).x5t).toMatch(/^[A-Za-z0-9_-]{27}$/);

    const v = await emu.verifyAcsToken(token);
    expect(v).toEqual({
      ok: true,
      identityId: u2.communicationUserId,
      scopes: ['voip', 'chat'],
      expiresOn: new Date(payload.exp! * 1000),
    });
  });

  it('issues tokens with scopes and expiresInMinutes', async () => {
    const user = await client.createUser();
    const t1 = await client.getToken(user, ['voip'], { tokenExpiresInMinutes: 60 });
    const lifetime = t1.expiresOn.getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(59 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(60 * 60_000);
    const t2 = await client.getToken(user, ['chat', 'voip']);
    expect(decodeJwt(t2.token).acsScope).toBe('chat,voip');
    expect(await emu.verifyAcsToken(t2.token)).toMatchObject({ ok: true, scopes: ['chat', 'voip'] });
  });

  it('refuses expiresInMinutes outside 60–1440 and unknown scopes with 400 in ACS shape', async () => {
    const user = await client.createUser();
    const path = `/identities/${encodeURIComponent(user.communicationUserId)}/:issueAccessToken?api-version=2023-10-01`;
    for (const body of [
      { scopes: ['voip'], expiresInMinutes: 59 },
      { scopes: ['voip'], expiresInMinutes: 1441 },
      { scopes: ['teleport'] },
    ]) {
      const res = await signedFetch(path, 'POST', JSON.stringify(body));
      expect(res.status).toBe(400);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe('ValidationError');
    }
  });

  it('revoking refuses the old token at once; new tokens work', async () => {
    const { user, token } = await client.createUserAndToken(['voip']);
    expect((await emu.verifyAcsToken(token)).ok).toBe(true);
    await client.revokeTokens(user);
    expect(await emu.verifyAcsToken(token)).toMatchObject({ ok: false, code: 'revoked' });
    const fresh = await client.getToken(user, ['voip']);
    expect((await emu.verifyAcsToken(fresh.token)).ok).toBe(true);
  });

  it('deleting refuses its tokens at once and the identity is gone', async () => {
    const { user, token } = await client.createUserAndToken(['voip']);
    await client.deleteUser(user);
    expect(await emu.verifyAcsToken(token)).toMatchObject({ ok: false, code: 'deleted' });
    await expect(client.getToken(user, ['voip'])).rejects.toMatchObject({ statusCode: 404 });
  });

  it('refuses a forged or tampered token', async () => {
    const { token } = await client.createUserAndToken(['voip']);
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    payload.acsScope = 'voip,chat';
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect(await emu.verifyAcsToken(forged)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await emu.verifyAcsToken('not a jwt')).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('refuses a wrong access key with 401', async () => {
    const wrongKey = Buffer.alloc(64, 1).toString('base64');
    const bad = new CommunicationIdentityClient(`endpoint=${emu.url}/;accesskey=${wrongKey}`, {
      allowInsecureConnection: true,
    });
    await expect(bad.createUser()).rejects.toMatchObject({ statusCode: 401, code: 'Denied' });
  });

  it('refuses a tampered body (signature computed for another body) with 401, then keeps serving', async () => {
    const signedFor = JSON.stringify({ createTokenWithScopes: ['chat'] });
    const sent = JSON.stringify({ createTokenWithScopes: ['voip', 'chat'] });
    const res = await signedFetch('/identities?api-version=2023-10-01', 'POST', sent, { signBody: signedFor });
    expect(res.status).toBe(401);
    const json = (await res.json()) as { error: { code: string; message: string } };
    // ACS says only that it was denied, whatever the reason.
    expect(json.error).toEqual({ code: 'Denied', message: 'Denied by the resource provider.' });

    const ok = await signedFetch('/identities?api-version=2023-10-01', 'POST', signedFor);
    expect(ok.status).toBe(201);
  });

  it('refuses a stale x-ms-date, an unsupported api-version, and malformed JSON', async () => {
    const url = `${emu.url}/identities?api-version=2023-10-01`;
    const stale = signRequest({
      key: DEV_ONLY_ACS_ACCESS_KEY,
      method: 'POST',
      url,
      body: '{}',
      date: new Date(Date.now() - 16 * 60_000),
    });
    expect((await fetch(url, { method: 'POST', headers: stale, body: '{}' })).status).toBe(401);

    const v = await signedFetch('/identities?api-version=2021-03-07', 'POST', '{}');
    expect(v.status).toBe(400);
    expect(((await v.json()) as { error: { code: string } }).error.code).toBe('UnsupportedApiVersion');

    const m = await signedFetch('/identities?api-version=2025-06-30', 'POST', '{"createTokenWithScopes": [');
    expect(m.status).toBe(400);
    expect(((await m.json()) as { error: { code: string } }).error.code).toBe('InvalidRequestBody');
  });

  it('accepts api-version 2025-06-30 from the SDK', async () => {
    const c = new CommunicationIdentityClient(emu.connectionString, {
      allowInsecureConnection: true,
      apiVersion: '2025-06-30',
    } as never);
    expect((await c.createUser()).communicationUserId).toMatch(ID_RE);
  });

  it('exchanges only an Entra token for the ACS Teams resource with Teams.ManageCalls (getTokenForTeamsUser)', async () => {
    const staff = await createTestUser(emu, 'Staff Member');
    const r = await signIn(emu, { username: staff.upn, password: staff.password });
    if (!r.ok) throw new Error('sign-in failed');
    // A Graph token, as ACS refuses it.
    await expect(
      client.getTokenForTeamsUser({
        teamsUserAadToken: r.tokens.access_token,
        clientId: 'vestibule-local-dev',
        userObjectId: staff.id,
      }),
    ).rejects.toMatchObject({ statusCode: 401 });

    // What the app does: redeem the staff refresh token for the ACS Teams scope (Entra resource switch).
    const acs = { access_token: await acsTeamsTokenFor(r) };
    expect(decodeJwt(acs.access_token)).toMatchObject({
      aud: 'https://auth.msft.communication.azure.com',
      scp: 'Teams.ManageCalls',
      oid: staff.id,
      appid: 'vestibule-local-dev',
    });
    const t = await client.getTokenForTeamsUser({
      teamsUserAadToken: acs.access_token,
      clientId: 'vestibule-local-dev',
      userObjectId: staff.id,
    });
    expect(decodeJwt(t.token)).toMatchObject({ skypeid: `orgid:${staff.id}` });
    expect(await emu.verifyAcsToken(t.token)).toMatchObject({ ok: true, identityId: `8:orgid:${staff.id}` });

    await expect(
      client.getTokenForTeamsUser({
        teamsUserAadToken: acs.access_token,
        clientId: 'vestibule-local-dev',
        userObjectId: 'someone-else',
      }),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      client.getTokenForTeamsUser({
        teamsUserAadToken: 'garbage',
        clientId: 'vestibule-local-dev',
        userObjectId: staff.id,
      }),
    ).rejects.toMatchObject({ statusCode: 401 });
  });
});
