import { appendToScratchpad, expect, expectAllSaved, OWNER, signIn, test } from './fixtures.js';

test('the app talks only to its own relay and its CSP forbids anything else', async ({
  browser,
  relay,
}) => {
  const context = await browser.newContext({ baseURL: relay.url });
  await signIn(context, OWNER);
  const page = await context.newPage();
  const foreign: string[] = [];
  const violations: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.host !== new URL(relay.url).host && url.protocol !== 'data:') foreign.push(url.href);
  });
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
  await appendToScratchpad(page, 'private words');
  await expectAllSaved(page);
  // Trying to reach another origin from the page is blocked by the policy.
  const blocked = await page.evaluate(async () => {
    try {
      await fetch('https://cdn.example.com/model.onnx');
      return false;
    } catch {
      return true;
    }
  });
  expect(blocked).toBe(true);
  expect(violations.some((v) => v.includes('cdn.example.com'))).toBe(true);
  expect(violations.filter((v) => !v.includes('cdn.example.com'))).toEqual([]);
  expect(foreign.filter((href) => !href.includes('cdn.example.com'))).toEqual([]);
  await context.close();
});
