// The Account view against a real `tact serve --demo`, in Debian's Chromium:
// the brief's years drawn as charts, its signals with the filings behind
// them, what they mean for a CFO, the questions, and the hypotheses sellers
// wrote (through the API and through the view's own form). Then `tact brief
// --html` on SEC's Apple companyfacts opens offline on the same view.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';

import { ARTIFACTS, getJson, launchBrowser, openView, pixelsOfColor, runTact, startDemoServer } from './browser.mjs';

const REVENUE = '#5e81ac';
const GROSS = '#2e7d32';
const DEBT = '#bf3b3b';
const ACCOUNT = 'a-00002';
const APPLE = new URL('../fixtures/sec-companyfacts/textlayer/apple_company_facts.json', import.meta.url).pathname;

let server;
let browser;
let page;
let brief;

async function postJson(base, path, body) {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(response.status, 201, `${path}: ${await response.clone().text()}`);
  return response.json();
}

const rowsOf = (selector) => page.$$eval(selector, (rows) => rows.map((row) => ({ ...row.dataset })));

before(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  brief = await getJson(server.base, `/v1/accounts/${ACCOUNT}/brief?role=cfo`);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the Account view on the demo', () => {
  test('draws the years, cites every signal and asks the CFO questions', async () => {
    assert.ok(brief.years.length >= 2 && brief.signals.length >= 2, 'the demo account has years and signals');
    await openView(page, `${server.base}/#/account/${ACCOUNT}/cfo`);
    assert.match(await page.textContent('[data-testid="account-id"]'), new RegExp(ACCOUNT));
    assert.ok(await pixelsOfColor(page, '[data-testid="chart-revenue"]', REVENUE) > 300, 'revenue bars drawn');
    assert.ok(await pixelsOfColor(page, '[data-testid="chart-margins"]', GROSS) > 50, 'gross margin line drawn');
    assert.ok(await pixelsOfColor(page, '[data-testid="chart-balance"]', DEBT) > 300, 'debt bars drawn');
    const years = await rowsOf('[data-testid="years"] tbody tr');
    assert.deepEqual(years.map((row) => Number(row.year)), brief.years.map((year) => year.fiscal_year));

    const signals = await rowsOf('[data-testid="signal"]');
    assert.deepEqual(signals.map((row) => row.signal), brief.signals.map((signal) => signal.id));
    for (const signal of brief.signals) {
      const cited = await page.$$eval(`[data-signal="${signal.id}"] .sources li`, (items) => items.map((item) => item.dataset.accession));
      const facts = signal.evidence.flatMap((evidence) => evidence.facts.map((fact) => fact.accession));
      assert.deepEqual(cited, facts, `${signal.id} cites its facts`);
      const meaning = await page.$$eval(`[data-signal="${signal.id}"] [data-testid="means-to-you"]`, (found) => found.map((p) => p.textContent));
      if (signal.means_to_you) assert.ok(meaning[0]?.includes(signal.means_to_you), `${signal.id} says what it means to a CFO`);
      else assert.deepEqual(meaning, [], `${signal.id} has nothing for a CFO`);
    }
    const questions = await page.$$eval('[data-testid="questions"] li', (items) => items.map((item) => item.textContent));
    assert.deepEqual(questions, brief.questions);
    assert.equal(await page.isVisible('[data-testid="no-hypotheses"]'), true);
    await page.screenshot({ path: join(ARTIFACTS, 'account.png'), fullPage: true });
  });

  test('shows the hypotheses written, judged, and writes one through its form', async () => {
    const own = await postJson(server.base, `/v1/accounts/${ACCOUNT}/hypotheses`, {
      seller: 'lena.fischer@acme.example',
      text: 'Revenue is falling and the year closed at a loss, so finance will cut any vendor that does not take cost out. Our routing removes overtime and fuel on their regional routes, which is a cost they can cut this quarter without touching service.',
      signals: [brief.signals[0].id],
    });
    const pasted = await postJson(server.base, `/v1/accounts/${ACCOUNT}/hypotheses`, {
      seller: 'priya.nair@acme.example',
      text: brief.signals.map((signal) => `${signal.sentence}. ${signal.means} ${signal.means_to_you}`).join(' '),
      signals: [brief.signals[0].id],
    });
    assert.equal(own.originality, 'own_words');
    assert.equal(pasted.originality, 'brief');
    await page.goto('about:blank');  // the same address again would not draw the view again
    await openView(page, `${server.base}/#/account/${ACCOUNT}/cfo`);
    assert.deepEqual(await rowsOf('[data-testid="hypotheses"] tbody tr'), [
      { id: pasted.id, originality: 'brief' },
      { id: own.id, originality: 'own_words' },
    ]);

    // A third seller writes theirs in the view, by keyboard.
    await page.focus('[data-testid="hypothesis-form"] input[name="seller"]');
    await page.keyboard.type('marcus.lee@acme.example');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Margins have slipped two years running while debt stayed high, so the CFO is likely defending cash and will ask for a payback inside the budget year; a pilot on one depot with a measured saving in fuel and hours fits how they will judge it.');
    await page.check(`[data-testid="hypothesis-form"] input[value="${brief.signals[0].id}"]`);
    await page.click('[data-testid="hypothesis-form"] button[type="submit"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="hypotheses"] tbody tr').length === 3);
    assert.match(await page.textContent('[data-testid="hypothesis-answer"]'), /^Kept as hy_[0-9a-f]{16}: own words, \d+ words\.$/);
    const written = await getJson(server.base, `/v1/accounts/${ACCOUNT}/hypotheses`);
    assert.equal(written.hypotheses[0].seller, 'marcus.lee@acme.example');
    assert.deepEqual(written.hypotheses[0].signals, [brief.signals[0].id]);

    // A bad one is refused with the API's words, naming the field.
    await page.fill('[data-testid="hypothesis-form"] input[name="seller"]', '');
    await page.fill('[data-testid="hypothesis-form"] input[name="seller"]', 'x@acme.example');
    await page.fill('[data-testid="hypothesis-form"] textarea', 'Too short.');
    await page.uncheck(`[data-testid="hypothesis-form"] input[value="${brief.signals[0].id}"]`);
    await page.click('[data-testid="hypothesis-form"] button[type="submit"]');
    await page.waitForSelector('[data-testid="hypothesis-answer"].bad');
    assert.match(await page.textContent('[data-testid="hypothesis-answer"]'), /signals/);
    await page.screenshot({ path: join(ARTIFACTS, 'account-hypotheses.png'), fullPage: true });
  });

  test('the lookup takes an account and a role as a title', async () => {
    await openView(page, `${server.base}/#/account`);
    await page.fill('[data-testid="account-lookup"] input[name="account"]', ACCOUNT);
    await page.fill('[data-testid="account-lookup"] input[name="role"]', 'VP Finance');
    await page.press('[data-testid="account-lookup"] input[name="role"]', 'Enter');
    await page.waitForSelector('#view[data-ready="true"] [data-testid="account-id"]');
    assert.equal(new URL(page.url()).hash, `#/account/${ACCOUNT}/VP%20Finance`);
    assert.match(await page.textContent('#view .range'), /for the Chief financial officer$/);
  });

  test('an account without facts says so', async () => {
    await openView(page, `${server.base}/#/account/no-such-account`);
    assert.match(await page.textContent('[data-testid="account-missing"]'), /no facts for no-such-account/);
  });

  test('the league by sender shows cold touches backed by a hypothesis', async () => {
    const league = await getJson(server.base, '/v1/reports/league?by=sender&limit=100');
    await openView(page, `${server.base}/#/league/sender`);
    const shown = await page.$$eval('[data-testid="league-row"]', (rows) => rows.map((row) => ({
      name: row.dataset.name,
      cold: row.querySelector('[data-field="cold-sent"]').textContent,
      backed: row.querySelector('[data-field="cold-backed"]').textContent,
    })));
    assert.deepEqual(shown, league.rows.map((row) => ({
      name: row.name,
      cold: String(row.cold_sent),
      backed: row.cold_sent ? `${Math.round(row.cold_backed_share * 100)} %` : '—',
    })));
  });
});

describe('tact brief --html', () => {
  test("SEC's Apple document as one page: the Account view, offline", async () => {
    const html = join(ARTIFACTS, 'brief-apple.html');
    const printed = await runTact(['brief', '--facts', APPLE, '--role', 'CFO', '--html', html]);
    assert.match(printed, /report written to .*brief-apple\.html/);
    const json = JSON.parse(await runTact(['brief', '--facts', APPLE, '--role', 'CFO', '--json']));
    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
    const requests = [];
    context.on('request', (request) => { if (!request.url().startsWith('file:')) requests.push(request.url()); });
    const offline = await context.newPage();
    offline.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await openView(offline, `file://${html}`);
    assert.equal(await offline.getAttribute('#view', 'data-view'), 'account');
    assert.ok(await pixelsOfColor(offline, '[data-testid="chart-revenue"]', REVENUE) > 300, 'revenue drawn offline');
    // The document has no margins, debt or cash: no empty charts, and the brief says what is missing.
    assert.equal(await offline.$('[data-testid="chart-margins"]'), null);
    assert.equal(await offline.$('[data-testid="chart-balance"]'), null);
    assert.deepEqual(await offline.$$eval('[data-testid="missing"] li', (items) => items.map((item) => item.textContent)), json.missing);
    assert.doesNotMatch(await offline.textContent('#view'), /null|undefined/);
    const signals = await offline.$$eval('[data-testid="signal"]', (rows) => rows.map((row) => row.dataset.signal));
    assert.deepEqual(signals, json.signals.map((signal) => signal.id));
    const links = await offline.$$eval('.sources a', (anchors) => anchors.map((a) => a.href));
    assert.ok(links.length > 0 && links.every((href) => href.startsWith('https://www.sec.gov/Archives/edgar/data/320193/')), 'filings link to SEC');
    assert.equal(await offline.isVisible('[data-testid="hypothesis-form"]'), false, 'no form in a file');
    const nav = await offline.$$eval('[data-nav]', (links) => links.filter((link) => !link.hidden).map((link) => link.dataset.nav));
    assert.deepEqual(nav, ['account']);
    await offline.screenshot({ path: join(ARTIFACTS, 'brief-apple.png'), fullPage: true });
    assert.deepEqual(requests, [], 'the page fetched nothing');
    await context.close();
  });
});
