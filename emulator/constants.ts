/**
 * Well-known development constants of the emulator. Like Azurite's account key these are public,
 * documented, and only ever accepted by this local emulator: they are not secrets.
 */
export const TENANT_ID = '0f557ec4-039c-4796-b8e6-5e36072d90bc';
export const TENANT_DISPLAY_NAME = 'Contoso (emulated)';
export const TENANT_DOMAIN = 'contoso.test';

export const ACS_RESOURCE_ID = '3d528259-bc30-4a23-9213-a5b6acf2590e';
/**
 * The emulator's well-known ACS access key (the default of `EMULATOR_ACCESS_KEY`). Dev-only: it is
 * published here, so it protects nothing, and the app refuses it in azure mode. This is the one copy;
 * `lib/config.js` keeps a mirror only because it cannot import TypeScript (a test keeps them equal).
 */
export const DEV_ONLY_ACS_ACCESS_KEY =
  'efP7tM34615CH+RrIJ8/kuSrgOAKzW6ZanKF9XOTy53hBcSbpPQrcVksWjwrNBpnCU+uPTE4HVEn5VFz34CdCg==';

export const DEV_CLIENT_ID = 'vestibule-local-dev';
export const DEV_CLIENT_SECRET = 'vestibule-local-dev-secret-not-for-production';

export const DEV_PASSWORD = 'Passw0rd!dev';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
/** Audience Entra uses for tokens exchanged by `/teamsUser/:exchangeAccessToken`. */
export const ACS_AUTH_RESOURCE = 'https://auth.msft.communication.azure.com';

/** Delegated Graph permissions the emulator knows (Entra's names). */
export const GRAPH_DELEGATED_SCOPES = [
  'User.Read',
  'User.ReadBasic.All',
  'Calendars.Read',
  'Calendars.ReadWrite',
  'OnlineMeetings.Read',
  'OnlineMeetings.ReadWrite',
] as const;

/** Application (app-only) Graph permissions an app registration may be granted. */
export const GRAPH_APP_ROLES = [
  'User.Read.All',
  'Calendars.Read',
  'OnlineMeetings.Read.All',
  'OnlineMeetings.ReadWrite.All',
] as const;

export const ACS_TEAMS_SCOPES = ['Teams.ManageCalls', 'Teams.ManageChats'] as const;

export function connectionString(origin: string, key: string): string {
  return `endpoint=${origin}/;accesskey=${key}`;
}

/**
 * Every admin request must carry this header. A custom header makes a browser send a CORS preflight,
 * which the admin API refuses, so no web page can reach it (not even with `mode: 'no-cors'`).
 */
export const ADMIN_HEADER = 'x-emulator-admin';

/** Headers for an admin call: the admin marker and the JSON content type every write must declare. */
export const ADMIN_REQUEST_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  [ADMIN_HEADER]: '1',
  'content-type': 'application/json',
});
