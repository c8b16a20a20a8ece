// The preference page against a real `tact serve --demo`, in Debian's
// Chromium: a person opens the link from a real send's answer, takes a
// four-week break and keeps one topic and one channel, using the keyboard
// only; the choices are there after a reload, and decisions from three
// tools obey them. Screenshots of the page in two languages go to the
// artefacts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';

import { ARTIFACTS, getJson, launchBrowser, startDemoServer } from './browser.mjs';

const PERSON = 'e2e-ana';
const DAY = 24 * 60 * 60 * 1000;

let server;
let browser;
let page;
let link;

async function send(path, method, body) {
  const response = await fetch(`${server.base}${path}`, {
    method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return response.json();
}

// 10:00 UTC on the first weekday at least `days` days from now: outside
// the default policy's quiet hours in Berlin.
function weekdayMorning(days) {
  const when = new Date(Date.now() + days * DAY);
  while (when.getUTCDay() === 0 || when.getUTCDay() === 6) when.setTime(when.getTime() + DAY);
  when.setUTCHours(10, 0, 0, 0);
  return when.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function decide(fields) {
  return send('/v1/decide', 'POST', { person_id: PERSON, channel: 'email', kind: 'promotional', dry_run: true, ...fields });
}

// Presses Tab until the element with `id` has the focus.
async function tabTo(id) {
  for (let presses = 0; presses < 120; presses++) {
    if (await page.evaluate(() => document.activeElement?.id) === id) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached #${id}`);
}

before(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
  await send(`/v1/people/${PERSON}`, 'PUT', {
    email: 'ana@example.com', phone: '+4915112345678', time_zone: 'Europe/Berlin', country: 'DE',
    languages: ['de', 'en'], consent: { email: 'opted_in', sms: 'opted_in' },
  });
  const answer = await decide({ dry_run: false, tool: 'marketo', topic: 'product', at: weekdayMorning(1) });
  assert.equal(answer.decision, 'send', JSON.stringify(answer));
  link = answer.preferences_url;
  assert.match(link, /\/v1\/preferences\/[\w-]+\.[\w-]+$/);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the preference page', () => {
  test('opens from the send, in the language the person reads, with every choice offered', async () => {
    const response = await page.goto(link);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-security-policy'], /default-src 'none'/);
    assert.equal(await page.getAttribute('html', 'lang'), 'de');  // the profile's first language
    assert.equal(await page.textContent('h1'), 'Wie wir in Kontakt bleiben');
    await page.screenshot({ path: join(ARTIFACTS, 'preferences-de.png'), fullPage: true });
    await page.click('a[hreflang="pt"]');
    assert.equal(await page.getAttribute('html', 'lang'), 'pt');
    await page.screenshot({ path: join(ARTIFACTS, 'preferences-pt.png'), fullPage: true });
    await page.click('a[hreflang="en"]');
    assert.equal(await page.textContent('h1'), 'How we stay in touch');
    // Honest: each frequency says what tact will do with it.
    assert.match(await page.textContent('#frequency-weekly-note'), /At most 1 in 7 days/);
    assert.ok(await page.isChecked('#pause-none'));
    for (const id of ['channel-email', 'channel-sms', 'topic-events', 'topic-offers']) {
      assert.ok(await page.isChecked(`#${id}`), id);
    }
  });

  test('is operated with the keyboard alone: a four-week break, one topic, one channel', async () => {
    // The pause: arrows move through its radio group (none, 1, 2, 4 weeks).
    await tabTo('pause-none');
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(ring, 'none', 'the focused control shows a focus ring');
    for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowDown');
    assert.ok(await page.isChecked('#pause-4'));
    // Shift+Tab back to the channels and topics, unticking all but one of each.
    for (const id of ['channel-sms', 'channel-push', 'channel-call', 'channel-social', 'channel-direct_mail',
      'topic-product', 'topic-offers', 'topic-research']) {
      await page.focus('#frequency-any');  // a known place to start from
      await tabTo(id);
      await page.keyboard.press('Space');
      assert.equal(await page.isChecked(`#${id}`), false, id);
    }
    await tabTo('pause-4');
    // Enter in a form field submits it.
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(page.url(), /saved=1/);
    assert.match(await page.textContent('[role="status"]'), /Saved/);
  });

  test('keeps the choices across a reload, and says until when the break lasts', async () => {
    await page.reload();
    assert.ok(await page.isChecked('#channel-email'));
    assert.equal(await page.isChecked('#channel-sms'), false);
    assert.ok(await page.isChecked('#topic-events'));
    assert.equal(await page.isChecked('#topic-offers'), false);
    assert.ok(await page.isChecked('#pause-keep'));
    assert.match(await page.textContent('#pause'), /You are taking a break until \w+ \d+, \d{4}\./);
    const kept = await getJson(server.base, `/v1/people/${PERSON}/preferences`);
    assert.deepEqual(kept.channels, ['email']);
    assert.deepEqual(kept.topics, ['events']);
    assert.equal(kept.paused, true);
    const weeks = (Date.parse(kept.paused_until) - Date.now()) / (7 * DAY);
    assert.ok(weeks > 3.99 && weeks <= 4, `paused for ${weeks} weeks`);
  });

  test('is obeyed by every tool', async () => {
    const during = weekdayMorning(2);
    const marketing = await decide({ tool: 'marketo', topic: 'events', at: during });
    assert.equal(marketing.decision, 'suppress');
    assert.deepEqual(marketing.reasons.map((reason) => reason.rule), ['preference.pause']);
    const kept = await getJson(server.base, `/v1/people/${PERSON}/preferences`);
    // The account manager's email would wait for the break's end, but four
    // weeks is longer than a relationship touch may wait (max_delay, 14d).
    const manager = await decide({ tool: 'outreach', kind: 'relationship', at: during });
    assert.equal(manager.decision, 'suppress');
    // (quiet_hours joins in when the break ends at night in Berlin.)
    const rules = manager.reasons.map((reason) => reason.rule);
    assert.equal(rules[0], 'preference.pause', JSON.stringify(manager));
    assert.equal(rules.at(-1), 'max_delay', JSON.stringify(manager));
    assert.equal(manager.reasons[0].not_before, kept.paused_until);
    const after = weekdayMorning(35);
    const text = await decide({ tool: 'twilio', kind: 'relationship', channel: 'sms', at: after });
    assert.equal(text.decision, 'suppress');
    assert.deepEqual(text.reasons.map((reason) => reason.rule), ['preference.channel']);
    const offer = await decide({ tool: 'marketo', topic: 'offers', at: after });
    assert.deepEqual(offer.reasons.map((reason) => reason.rule), ['preference.topic']);
    assert.equal((await decide({ tool: 'marketo', topic: 'events', at: after })).decision, 'send');
  });

  test('a tampered link gets a page that says so', async () => {
    const tampered = link.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
    const response = await page.goto(`${tampered}?lang=fr`);
    assert.equal(response.status(), 404);
    assert.equal(await page.textContent('h1'), 'Ce lien ne fonctionne pas');
  });
});
