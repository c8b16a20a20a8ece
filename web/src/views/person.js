// A person's "why": what they received, how much of each budget is left, and
// when each channel may next reach them (and what holds it back).
import * as data from '../data.js';
import { COLORS, draw } from '../charts.js';
import { formatCount, formatTime, h, nameOf } from '../format.js';

const KINDS = ['promotional', 'cold', 'relationship', 'transactional'];

// An id, or an email address tact knows someone by.
function lookupForm(id) {
  const input = h('input', { name: 'person', placeholder: 'person id or email, e.g. p-000001', value: id ?? '', 'aria-label': 'person id or email', required: true });
  return h('form', {
    class: 'lookup',
    onsubmit: async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      const found = text.includes('@') ? await data.personWithEmail(text) : null;
      location.hash = `#/person/${encodeURIComponent(found ?? text)}`;
    },
  }, input, h('button', { type: 'submit' }, 'Why?'));
}

// Which kind of touch to ask about: the why of each kind differs.
function kindChooser(id, kind) {
  const select = h('select', { name: 'kind', 'aria-label': 'kind of touch', 'data-testid': 'kind-chooser',
    onchange: () => { location.hash = `#/person/${encodeURIComponent(id)}/${select.value}`; } },
  KINDS.map((name) => h('option', { value: name, selected: name === kind }, `a ${name} touch`)));
  return h('label', { class: 'range-bar' }, 'Ask about ', select);
}

// What tact knows of the person: where and when they are, what they read,
// and what they agreed to.
function profileCard(person) {
  const consent = Object.entries(person.consent ?? {}).filter(([, state]) => state !== 'unknown');
  const rows = [
    ['time zone', person.time_zone ?? 'the policy\'s default'],
    ['country, region', [person.country, person.region].filter(Boolean).join(', ') || '—'],
    ['languages', (person.languages ?? []).join(', ') || '—'],
    ['role', person.role || '—'],
    ['account', person.account_id || '—'],
    ['consent', consent.length ? consent.map(([channel, state]) => `${channel}: ${state}`).join(' · ') : 'unknown on every channel'],
  ];
  return h('section', { class: 'card' }, h('h2', {}, 'Profile'),
    h('table', { 'data-testid': 'profile' }, h('tbody', {}, rows.map(([label, value]) =>
      h('tr', { 'data-field': label }, h('th', {}, label), h('td', {}, value))))));
}

function budgetsChart(canvas, budgets) {
  draw(canvas, {
    type: 'bar',
    data: {
      labels: budgets.map((b) => b.rule),
      datasets: [
        { label: 'used', data: budgets.map((b) => b.used), backgroundColor: COLORS.used },
        { label: 'left', data: budgets.map((b) => b.left), backgroundColor: COLORS.left },
      ],
    },
    options: { indexAxis: 'y', scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } } },
  });
}

function planTable(rows) {
  return h('table', { 'data-testid': 'plan-rows' },
    h('thead', {}, h('tr', {}, ['asked for', 'channel', 'kind', 'from', 'answer', 'why'].map((t) => h('th', {}, t)))),
    h('tbody', {}, rows.map((row) => h('tr', {},
      h('td', {}, formatTime(row.asked_at)), h('td', {}, row.channel), h('td', {}, row.kind),
      h('td', {}, `${nameOf(row.team)} · ${nameOf(row.campaign)}`), h('td', {}, row.decision),
      h('td', {}, row.rules ? h('code', {}, row.rules) : '', row.message ? ` ${row.message}` : '')))));
}

export async function renderPerson(root, id, kind) {
  root.append(h('h1', {}, 'Why: one person'), lookupForm(id));
  const carried = data.reportPeople();
  if (carried) {
    root.append(h('p', {}, 'This report carries these people: ',
      carried.map((person, index) => [index ? ', ' : '', h('a', { href: `#/person/${encodeURIComponent(person)}`, 'data-testid': 'person-link' }, person)])));
  }
  if (!id) {
    root.append(h('p', {}, 'Give a person id, or pick someone from the overview\'s "Recently held back".'));
    return;
  }
  const [why, profile] = await Promise.all([data.why(id, KINDS.includes(kind) ? kind : undefined), data.person(id)]);
  if (!why) {
    root.append(h('p', { class: 'bad', 'data-testid': 'person-missing' }, `tact knows nothing about ${id}.`));
    return;
  }
  root.append(h('h2', { 'data-testid': 'person-id' }, why.person_id),
    data.report ? null : kindChooser(id, why.kind ?? kind ?? 'promotional'),
    profile ? profileCard(profile) : null,
    why.at ? h('p', { class: 'range' }, `As of ${formatTime(why.at)}, for a ${why.kind} touch${why.profile === false ? ' (no profile: unknown consent, the default zone)' : ''}.`) : null);

  if (why.channels) {
    root.append(h('section', { class: 'card' }, h('h2', {}, 'Next allowed, per channel'),
      h('table', { 'data-testid': 'channels' },
        h('thead', {}, h('tr', {}, ['channel', 'next allowed', 'answer now', 'why'].map((t) => h('th', {}, t)))),
        h('tbody', {}, why.channels.map((row) => h('tr', { 'data-channel': row.channel, class: row.decision.decision === 'suppress' ? 'bad' : '' },
          h('td', {}, row.channel), h('td', {}, row.next ? formatTime(row.next) : 'not at all'),
          h('td', {}, row.decision.decision),
          h('td', {}, row.decision.reasons.length === 0 ? '—' : row.decision.reasons.map((r) => h('div', {}, h('code', {}, r.rule), ` ${r.message ?? ''}`)))))))));
  }
  if (why.budgets) {
    const canvas = h('canvas', { 'data-testid': 'chart-budgets', role: 'img', 'aria-label': 'Budgets used and left' });
    root.append(h('section', { class: 'card' }, h('h2', {}, 'Budgets left'),
      h('div', { class: 'chart short' }, canvas),
      h('table', { 'data-testid': 'budgets' },
        h('thead', {}, h('tr', {}, ['budget', 'used', 'max', 'left'].map((t, i) => h('th', { class: i ? 'n' : '' }, t)))),
        h('tbody', {}, why.budgets.map((b) => h('tr', { 'data-rule': b.rule },
          h('td', {}, h('code', {}, b.rule)), h('td', { class: 'n' }, b.used), h('td', { class: 'n' }, b.max), h('td', { class: 'n', 'data-field': 'left' }, b.left)))))));
    budgetsChart(canvas, why.budgets);
  }
  if (why.history) {
    root.append(h('section', { class: 'card' }, h('h2', {}, `What they received (${formatCount(why.history.length)} touches kept)`),
      h('p', {}, `Last reply: ${formatTime(why.last_reply)}`),
      h('table', { 'data-testid': 'history' },
        h('thead', {}, h('tr', {}, ['sent', 'channel', 'kind', 'team', 'campaign', 'sender', 'step', 'counts for budgets'].map((t) => h('th', {}, t)))),
        h('tbody', {}, why.history.slice().reverse().map((row) => h('tr', { 'data-testid': 'history-row' },
          h('td', {}, formatTime(row.at)), h('td', {}, row.channel), h('td', {}, row.kind),
          h('td', { 'data-field': 'team' }, row.team === undefined ? '' : nameOf(row.team)),
          h('td', { 'data-field': 'campaign' }, (row.campaigns ?? []).join(' or ') || '—'),
          h('td', { 'data-field': 'sender' }, row.sender || '—'),
          h('td', {}, row.step ?? ''), h('td', {}, row.counts_for_budgets ? 'yes' : 'no')))))));
  }
  if (why.plan) root.append(h('section', { class: 'card' }, h('h2', {}, 'In the plan'), planTable(why.plan)));
}
