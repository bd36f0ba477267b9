/**
 * Test fixture for the calling service: an in-process emulator with short timers, staff users with
 * Teams-user tokens from the real token exchange, guests with tokens from the real
 * CommunicationIdentityClient, and meetings made through the admin API. Not a test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CommunicationIdentityClient, type CommunicationUserToken } from '@azure/communication-identity';

import { DEV_CLIENT_ID } from '../constants';
import { startEmulator, type RunningEmulator } from '../index';
import { TEST_APP_ORIGIN, acsTeamsTokenFor, admin, createTestUser, signIn } from '../testing';
import type { CallingOptions } from './service';
import { connectAndJoin, type CallClient, type JoinInput } from './client';

export { TEST_APP_ORIGIN };

export type Meeting = {
  id: string;
  subject: string;
  joinWebUrl: string;
  joinMeetingIdSettings: { joinMeetingId: string; passcode: string };
};

export type Staff = { id: string; displayName: string; token: string };

export class CallingFixture {
  emu!: RunningEmulator;
  identity!: CommunicationIdentityClient;
  dir = mkdtempSync(join(tmpdir(), 'vestibule-calling-'));
  clients: CallClient[] = [];

  async start(calling: CallingOptions = {}): Promise<this> {
    this.emu = await startEmulator({
      port: 0,
      smtpPort: 0,
      dataDir: this.dir,
      quiet: true,
      appOrigins: [TEST_APP_ORIGIN],
      calling: { resumeGraceMs: 800, heartbeatMs: 200, joinTimeoutMs: 1_500, ...calling },
    });
    this.identity = new CommunicationIdentityClient(this.emu.connectionString, { allowInsecureConnection: true });
    return this;
  }

  get wsUrl(): string {
    return `${this.emu.url.replace(/^http/, 'ws')}/calling`;
  }

  async stop(): Promise<void> {
    for (const c of this.clients) c.drop();
    await this.emu.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** A staff member signed in through OIDC, with a Teams-user token from the token exchange. */
  async staff(name: string): Promise<Staff> {
    const user = await createTestUser(this.emu, name);
    const r = await signIn(this.emu, { username: user.upn, password: user.password });
    if (!r.ok) throw new Error('sign-in failed');
    const t = await this.identity.getTokenForTeamsUser({
      teamsUserAadToken: await acsTeamsTokenFor(r),
      clientId: DEV_CLIENT_ID,
      userObjectId: user.id,
    });
    return { id: user.id, displayName: name, token: t.token };
  }

  guest(scopes: ('voip' | 'chat' | 'chat.join' | 'voip.join')[] = ['voip']): Promise<CommunicationUserToken> {
    return this.identity.createUserAndToken(scopes);
  }

  async meeting(
    organizerId: string,
    lobbyBypassScope = 'organization',
    subject = 'Calling test',
    allowMeetingChat?: 'enabled' | 'disabled' | 'limited',
  ): Promise<Meeting> {
    const now = Date.now();
    const r = await admin<Meeting>(this.emu, 'POST', '/meetings', {
      organizer: organizerId,
      subject,
      startDateTime: new Date(now).toISOString(),
      endDateTime: new Date(now + 3_600_000).toISOString(),
      lobbyBypassScope,
      ...(allowMeetingChat && { allowMeetingChat }),
    });
    if (r.status !== 201) throw new Error(`create meeting failed: ${r.status}`);
    return r.body;
  }

  /** Joins and expects `joined`; the client is dropped at the end of the file. */
  async join(input: JoinInput) {
    const { client, first } = await connectAndJoin(this.wsUrl, input, { origin: TEST_APP_ORIGIN });
    this.clients.push(client);
    if (first.type !== 'joined') throw new Error(`expected joined, got ${JSON.stringify(first)}`);
    return { client, joined: first };
  }

  /** Joins and expects `ended`; returns it with the close code. */
  async joinEnded(input: JoinInput) {
    const { client, first } = await connectAndJoin(this.wsUrl, input, { origin: TEST_APP_ORIGIN });
    this.clients.push(client);
    if (first.type !== 'ended') throw new Error(`expected ended, got ${JSON.stringify(first)}`);
    const closed = await client.closed;
    return { ended: first, closeCode: closed.code };
  }

  async calls() {
    return (
      await admin<{ value: Array<{ meetingId: string; participants: Array<{ id: string; state: string }> }> }>(
        this.emu,
        'GET',
        '/calls',
      )
    ).body.value;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
