import { describe, expect, it } from 'vitest';
import { CreatedInvite, Me } from '../../shared/api/schemas.js';
import { CloseCode } from '../../shared/protocol/close-codes.js';
import { ApiClient } from '../support/api-client.js';
import { admin } from '../support/admin-cli.js';
import { cleanupAfterEach } from '../support/cleanup.js';
import { startRelayProcess } from '../support/relay-process.js';
import { createTestClient } from '../support/test-client.js';
import { waitFor } from '../support/wait-for.js';

const cleanup = cleanupAfterEach();

describe('[AUTH4] the operator command line against a running relay', () => {
  it('deactivating a user closes their live connections within a second and refuses them after', async () => {
    const relay = await startRelayProcess({});
    cleanup.push(() => (relay.child.exitCode === null ? relay.kill() : undefined));
    // Invite through the API with the operator's bearer token, join as a person would.
    const script = new ApiClient(relay.httpUrl, relay.token);
    const invite = await script.ok(CreatedInvite, 'POST', '/invites', { role: 'member' });
    const person = new ApiClient(relay.httpUrl);
    await person.ok(Me, 'POST', `/invites/${invite.token}/accept`, {
      name: 'Leaver',
      email: 'leaver@test.example',
      password: 'a long enough password',
    });
    const client = createTestClient(relay.wsUrl, 'scratchpad', { token: await person.token() });
    cleanup.push(() => client.destroy());
    const closes: number[] = [];
    client.provider.on('connection-close', (e) => void (e && closes.push(e.code)));
    await waitFor(() => client.provider.synced, { what: 'synced' });

    const { stdout } = await admin(relay.dataDir, 'deactivate', '--email', 'leaver@test.example');
    expect(stdout).toContain('deactivated leaver@test.example');
    // The relay polls the access epoch every 200 ms, so a second is five polls of margin.
    await waitFor(() => closes.length > 0, { what: 'close after CLI deactivation', timeout: 1000 });
    expect(closes[0]).toBe(CloseCode.accountDeactivated);
    expect((await person.call('GET', '/me')).body).toMatchObject({ code: 'account_deactivated' });
  });

  it('mints tokens, resets passwords and reports bad input with exit code 1', async () => {
    const relay = await startRelayProcess({});
    cleanup.push(() => (relay.child.exitCode === null ? relay.kill() : undefined));
    const token = (
      await admin(relay.dataDir, 'token', '--email', 'owner@test.example')
    ).stdout.trim();
    expect((await new ApiClient(relay.httpUrl, token).call('GET', '/me')).status).toBe(200);

    const reset = await admin(relay.dataDir, 'reset-password', '--email', 'owner@test.example');
    const password = /password: (\S+)/.exec(reset.stdout)?.[1] ?? '';
    const signIn = await new ApiClient(relay.httpUrl).call('POST', '/auth/login', {
      email: 'owner@test.example',
      password,
    });
    expect(signIn.status).toBe(200);

    await expect(
      admin(relay.dataDir, 'deactivate', '--email', 'ghost@test.example'),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no user with email ghost@test.example') as unknown,
    });
    await expect(admin(relay.dataDir, 'frobnicate')).rejects.toMatchObject({ code: 1 });
  });
});
