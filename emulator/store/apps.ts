import { randomBytes, randomUUID } from 'node:crypto';

import type { Db } from './db';

export type AppRegistration = { clientId: string; clientSecret: string; displayName: string; roles: string[] };

type Row = { client_id: string; client_secret: string; display_name: string; roles: string };

const toApp = (r: Row): AppRegistration => ({
  clientId: r.client_id,
  clientSecret: r.client_secret,
  displayName: r.display_name,
  roles: JSON.parse(r.roles) as string[],
});

export function createApp(db: Db, input: { displayName: string; roles: string[] }): AppRegistration {
  const app: AppRegistration = {
    clientId: randomUUID(),
    clientSecret: randomBytes(24).toString('base64url'),
    displayName: input.displayName,
    roles: [...new Set(input.roles)],
  };
  db.prepare('INSERT INTO apps (client_id, client_secret, display_name, roles, created_at) VALUES (?, ?, ?, ?, ?)').run(
    app.clientId,
    app.clientSecret,
    app.displayName,
    JSON.stringify(app.roles),
    new Date().toISOString(),
  );
  return app;
}

export function findApp(db: Db, clientId: string): AppRegistration | undefined {
  const row = db.prepare('SELECT * FROM apps WHERE client_id = ?').get(clientId) as Row | undefined;
  return row ? toApp(row) : undefined;
}

/** `userId` undefined grants the policy tenant-wide (Grant-CsApplicationAccessPolicy -Global). */
export function grantAccessPolicy(db: Db, appId: string, userId?: string): void {
  db.prepare('INSERT OR IGNORE INTO access_policies (app_id, user_id) VALUES (?, ?)').run(appId, userId ?? '*');
}

export function revokeAccessPolicies(db: Db, appId: string): number {
  return db.prepare('DELETE FROM access_policies WHERE app_id = ?').run(appId).changes;
}

export function hasAccessPolicy(db: Db, appId: string, userId: string): boolean {
  return !!db
    .prepare("SELECT 1 FROM access_policies WHERE app_id = ? AND (user_id = ? OR user_id = '*')")
    .get(appId, userId);
}
