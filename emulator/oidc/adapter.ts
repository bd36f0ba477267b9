import type { Adapter, AdapterPayload } from 'oidc-provider';

import { findApp } from '../store/apps';
import type { Db } from '../store/db';

type Row = { payload: string; expires_at: number | null };

/**
 * oidc-provider storage in the emulator's sqlite file, so sessions, grants and refresh tokens
 * survive a restart. The `Client` model is answered from the app registrations table: app
 * registrations created through the admin API become client-credentials clients at once.
 */
export function createAdapterClass(db: Db) {
  const now = () => Math.floor(Date.now() / 1000);

  return class SqliteAdapter implements Adapter {
    constructor(private readonly model: string) {}

    #load(row: Row | undefined): AdapterPayload | undefined {
      if (!row) return undefined;
      if (row.expires_at !== null && row.expires_at <= now()) return undefined;
      return JSON.parse(row.payload) as AdapterPayload;
    }

    /**
     * Entra refresh tokens are multi-resource: one is redeemable for any resource the grant (the
     * user's or admin's consent) covers, e.g. the ACS Teams scope after a Graph sign-in. oidc-provider
     * only lets a refresh token ask for the scopes of its original request, so every scope of its
     * grant is written into it.
     */
    #withGrantScopes(payload: AdapterPayload): AdapterPayload {
      if (this.model !== 'RefreshToken' || !payload.grantId) return payload;
      const row = db.prepare("SELECT payload FROM oidc WHERE model = 'Grant' AND id = ?").get(payload.grantId) as
        { payload: string } | undefined;
      const resources = row ? (JSON.parse(row.payload) as { resources?: Record<string, string> }).resources : undefined;
      if (!resources) return payload;
      const scopes = new Set((typeof payload.scope === 'string' ? payload.scope : '').split(' ').filter(Boolean));
      for (const granted of Object.values(resources)) for (const s of granted.split(' ')) if (s) scopes.add(s);
      const own: unknown = payload.resource;
      const mine = Array.isArray(own) ? own.map(String) : typeof own === 'string' ? [own] : [];
      const resource = new Set([...mine, ...Object.keys(resources)]);
      // With several resources the provider's defaultResource picks one per request, from its scopes.
      return { ...payload, scope: [...scopes].join(' '), resource: [...resource] };
    }

    upsert(id: string, given: AdapterPayload, expiresIn: number): Promise<void> {
      const payload = this.#withGrantScopes(given);
      db.prepare(
        `INSERT INTO oidc (model, id, payload, expires_at, grant_id, user_code, uid) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(model, id) DO UPDATE SET payload = excluded.payload, expires_at = excluded.expires_at,
           grant_id = excluded.grant_id, user_code = excluded.user_code, uid = excluded.uid`,
      ).run(
        this.model,
        id,
        JSON.stringify(payload),
        expiresIn ? now() + expiresIn : null,
        payload.grantId ?? null,
        payload.userCode ?? null,
        payload.uid ?? null,
      );
      return Promise.resolve();
    }

    find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') {
        const app = findApp(db, id);
        return Promise.resolve(
          app
            ? {
                client_id: app.clientId,
                client_secret: app.clientSecret,
                client_name: app.displayName,
                grant_types: ['client_credentials'],
                response_types: [],
                redirect_uris: [],
                token_endpoint_auth_method: 'client_secret_post',
              }
            : undefined,
        );
      }
      const row = db.prepare('SELECT payload, expires_at FROM oidc WHERE model = ? AND id = ?').get(this.model, id) as
        Row | undefined;
      return Promise.resolve(this.#load(row));
    }

    findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      const row = db
        .prepare('SELECT payload, expires_at FROM oidc WHERE model = ? AND user_code = ?')
        .get(this.model, userCode) as Row | undefined;
      return Promise.resolve(this.#load(row));
    }

    findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const row = db
        .prepare('SELECT payload, expires_at FROM oidc WHERE model = ? AND uid = ?')
        .get(this.model, uid) as Row | undefined;
      return Promise.resolve(this.#load(row));
    }

    consume(id: string): Promise<void> {
      const row = db.prepare('SELECT payload FROM oidc WHERE model = ? AND id = ?').get(this.model, id) as
        { payload: string } | undefined;
      if (row) {
        const payload = JSON.parse(row.payload) as AdapterPayload;
        payload.consumed = now();
        db.prepare('UPDATE oidc SET payload = ? WHERE model = ? AND id = ?').run(
          JSON.stringify(payload),
          this.model,
          id,
        );
      }
      return Promise.resolve();
    }

    destroy(id: string): Promise<void> {
      db.prepare('DELETE FROM oidc WHERE model = ? AND id = ?').run(this.model, id);
      return Promise.resolve();
    }

    revokeByGrantId(grantId: string): Promise<void> {
      db.prepare('DELETE FROM oidc WHERE grant_id = ?').run(grantId);
      return Promise.resolve();
    }
  };
}
