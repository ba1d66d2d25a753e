import { RELAY_CLIENT, startOidcFront } from '../support/oidc-provider.js';
import { expect, test } from './fixtures.js';

test('[SSO3] a person signs in through the identity provider in the browser and lands in the workspace', async ({
  browser,
  relay,
}) => {
  const front = await startOidcFront();
  try {
    front.accounts.set('dana', {
      login: 'dana',
      email: 'dana@acme.test',
      email_verified: true,
      name: 'Dana Designer',
    });
    await front.start([`${relay.url}/api/auth/sso/callback`]);
    Object.assign(relay.env, {
      OIDC_ISSUER: front.issuer,
      OIDC_CLIENT_ID: RELAY_CLIENT.id,
      OIDC_CLIENT_SECRET: RELAY_CLIENT.secret,
      PUBLIC_URL: relay.url,
      OIDC_ALLOW_HTTP: 'true',
      OIDC_PROVISION: 'domains',
      OIDC_ALLOWED_DOMAINS: 'acme.test',
      OIDC_LABEL: 'Acme ID',
    });
    await relay.stop();
    await relay.start();
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${relay.url}/api/auth/sso`)).json()) as { ready: boolean }).ready,
      )
      .toBe(true);

    const context = await browser.newContext({ baseURL: relay.url });
    const page = await context.newPage();
    await page.goto('/login');
    const button = page.getByRole('link', { name: 'Sign in with Acme ID' });
    await expect(button).toBeVisible();
    await button.click();
    // The provider's own sign-in page.
    await page.locator('input[name="login"]').fill('dana');
    await page.locator('input[name="password"]').fill('any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
    await expect(page.getByText('Dana Designer').first()).toBeVisible();
    await context.close();
  } finally {
    await front.stop();
  }
});
