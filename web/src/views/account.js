// An account: its brief (revenue, margins, debt and cash over the years as
// charts; the signals with the filings behind them; what they mean for the
// person's role; the questions to ask) and the hypotheses its sellers wrote,
// with a form to write one (live only).
import * as data from '../data.js';
import { COLORS, draw } from '../charts.js';
import { formatCount, formatTime, h } from '../format.js';

// Suggestions from the default playbook's roles; the API also takes a title
// as free text ("VP Finance") and maps it to the playbook's role.
const ROLES = [
  ['cfo', 'Chief financial officer'],
  ['ceo', 'Chief executive'],
  ['coo', 'Chief operating officer'],
  ['cio', 'CIO / CTO'],
  ['sales', 'Head of sales'],
  ['marketing', 'Head of marketing'],
];

const money = (value, currency) => {
  if (value === null || value === undefined) return '—';
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency || 'USD', notation: 'compact', maximumFractionDigits: 2 });
  return format.format(value);
};
const percent = (value) => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)} %`);
const millions = (value) => (value === null || value === undefined ? null : value / 1e6);

function lookupForm(id, role) {
  const input = h('input', { name: 'account', placeholder: 'account id, e.g. a-00002', value: id ?? '', 'aria-label': 'account id', required: true });
  // A report file carries the brief for the role it was made for.
  const roleInput = h('input', { name: 'role', list: 'roles', value: role ?? '', placeholder: 'role, e.g. cfo or VP Finance', 'aria-label': 'role of the person', disabled: Boolean(data.report) });
  const roles = h('datalist', { id: 'roles' }, ROLES.map(([value, title]) => h('option', { value }, title)));
  return h('form', {
    class: 'lookup',
    'data-testid': 'account-lookup',
    onsubmit: (event) => {
      event.preventDefault();
      const chosen = roleInput.value.trim() ? `/${encodeURIComponent(roleInput.value.trim())}` : '';
      location.hash = `#/account/${encodeURIComponent(input.value.trim())}${chosen}`;
    },
  }, input, roleInput, roles, h('button', { type: 'submit' }, 'Brief'));
}

// One chart over the fiscal years: `series` is [label, value of a year,
// colour, type]. Returns [its section, a function that draws it, series].
function yearsChart(testid, label, years, series, axis) {
  const canvas = h('canvas', { 'data-testid': testid, role: 'img', 'aria-label': label });
  const section = h('section', { class: 'card' }, h('h2', {}, label), h('div', { class: 'chart short' }, canvas));
  return [section, () => draw(canvas, {
    type: 'bar',
    data: {
      labels: years.map((year) => `FY${year.fiscal_year}`),
      datasets: series.map(([name, value, color, type]) => ({
        label: name, type: type ?? 'bar', data: years.map(value), backgroundColor: color, borderColor: color, tension: 0.2,
      })),
    },
    options: { scales: { y: { title: { display: true, text: axis } } } },
  }), series];
}

function yearsTable(years, currency) {
  return h('table', { 'data-testid': 'years' },
    h('thead', {}, h('tr', {}, ['fiscal year', 'ended', 'revenue', 'gross margin', 'operating margin', 'net income', 'debt', 'cash']
      .map((title, index) => h('th', { class: index >= 2 ? 'n' : '' }, title)))),
    h('tbody', {}, years.map((year) => h('tr', { 'data-year': year.fiscal_year },
      h('td', {}, year.fiscal_year), h('td', {}, year.end),
      h('td', { class: 'n', 'data-field': 'revenue' }, money(year.revenue, currency)),
      h('td', { class: 'n' }, percent(year.gross_margin)), h('td', { class: 'n' }, percent(year.operating_margin)),
      h('td', { class: 'n' }, money(year.net_income, currency)), h('td', { class: 'n' }, money(year.debt, currency)),
      h('td', { class: 'n' }, money(year.cash, currency))))));
}

// Where a figure comes from: the concept, its period and the filing, linked
// to SEC's filing index when the accession is SEC's.
function source(fact, cik) {
  const sec = cik && /^\d{10}-\d{2}-\d{6}$/.test(fact.accession ?? '');
  const filing = sec
    ? h('a', { href: `https://www.sec.gov/Archives/edgar/data/${Number(cik)}/${fact.accession.replaceAll('-', '')}/`, rel: 'noopener' }, fact.accession)
    : fact.accession;
  return h('li', { 'data-accession': fact.accession ?? '' },
    h('code', {}, fact.concept), ` ${fact.start ? `${fact.start} to ` : ''}${fact.end}: ${formatCount(fact.value)}`,
    fact.form ? ` (${fact.form}${fact.filed ? `, filed ${fact.filed}` : ''})` : '', ' · ', filing ?? 'no filing named');
}

function signalCard(signal, cik) {
  const facts = signal.evidence.flatMap((evidence) => evidence.facts);
  return h('article', { class: 'card signal', 'data-testid': 'signal', 'data-signal': signal.id },
    h('h3', {}, h('code', {}, signal.id), ' ', signal.sentence),
    h('p', {}, h('strong', {}, 'What it likely means: '), signal.means),
    signal.means_to_you ? h('p', { 'data-testid': 'means-to-you' }, h('strong', {}, 'What it means to them: '), signal.means_to_you) : null,
    h('details', {}, h('summary', {}, `Sources (${facts.length})`), h('ul', { class: 'sources' }, facts.map((fact) => source(fact, cik)))));
}

function hypothesesTable(hypotheses) {
  if (hypotheses.length === 0) {
    return h('p', { 'data-testid': 'no-hypotheses' }, 'No seller has written a hypothesis for this account yet.');
  }
  return h('table', { 'data-testid': 'hypotheses' },
    h('thead', {}, h('tr', {}, ['written', 'seller', 'judged', 'words', 'from the brief', 'rests on', 'hypothesis'].map((t) => h('th', {}, t)))),
    h('tbody', {}, hypotheses.map((one) => h('tr', { 'data-id': one.id, 'data-originality': one.originality, class: one.originality === 'own_words' ? '' : 'bad' },
      h('td', {}, formatTime(one.written)), h('td', {}, one.seller, one.team ? ` (${one.team})` : ''),
      h('td', {}, one.originality.replaceAll('_', ' '), one.copy_of ? ` of ${one.copy_of}` : ''),
      h('td', { class: 'n' }, one.words), h('td', { class: 'n' }, percent(one.copied_share)),
      h('td', {}, [...(one.signals ?? []).map((s) => h('code', {}, s, ' ')), one.evidence ?? '']),
      h('td', { class: 'text' }, one.text)))));
}

// Writes a hypothesis through POST /v1/accounts/{id}/hypotheses and says
// what tact made of it.
function hypothesisForm(id, brief, done) {
  const seller = h('input', { name: 'seller', required: true, placeholder: 'you@company.example', 'aria-label': 'seller (the sender of your touches)' });
  const text = h('textarea', { name: 'text', required: true, rows: 5, 'aria-label': 'your hypothesis, in your own words' });
  const evidence = h('input', { name: 'evidence', placeholder: 'your own evidence (optional)', 'aria-label': 'your own evidence' });
  const boxes = brief.signals.map((signal) => h('label', {}, h('input', { type: 'checkbox', name: 'signals', value: signal.id }), ' ', signal.id));
  const answer = h('p', { 'data-testid': 'hypothesis-answer', role: 'status' });
  const submit = async (event) => {
    event.preventDefault();
    const signals = boxes.map((box) => box.querySelector('input')).filter((box) => box.checked).map((box) => box.value);
    try {
      const written = await data.writeHypothesis(id, { seller: seller.value.trim(), text: text.value, signals, evidence: evidence.value.trim() || undefined });
      answer.className = written.meets_policy ? 'good' : 'bad';
      answer.textContent = written.meets_policy
        ? `Kept as ${written.id}: ${written.originality.replaceAll('_', ' ')}, ${written.words} words.`
        : `Kept as ${written.id}, but it does not back cold touches: ${written.problem}`;
      await done();
    } catch (error) {
      answer.className = 'bad';
      answer.textContent = error.message;
    }
  };
  return h('form', { class: 'hypothesis-form', 'data-testid': 'hypothesis-form', onsubmit: submit },
    h('label', {}, 'Seller ', seller), h('label', {}, 'Hypothesis ', text),
    h('fieldset', {}, h('legend', {}, 'The signals it rests on'), boxes), h('label', {}, 'Evidence ', evidence),
    h('button', { type: 'submit' }, 'Write hypothesis'), answer);
}

function header(brief) {
  return [
    h('h2', { 'data-testid': 'account-id' }, brief.company === brief.account_id ? brief.account_id : `${brief.company} (${brief.account_id})`),
    h('p', { class: 'range' }, [
      brief.cik ? `CIK ${brief.cik} · ` : '', `figures in ${brief.currency ?? 'an unknown currency'}`,
      brief.as_of ? ` · filed by ${brief.as_of}` : '', ` · ${formatCount(brief.facts_read)} facts read`,
      brief.restated_duplicates ? ` (${formatCount(brief.restated_duplicates)} restated duplicates counted once)` : '',
      brief.role ? ` · for the ${brief.role.title}` : ''].join('')),
  ];
}

function distress(brief) {
  if (!brief.distress) return null;
  const { z, at } = brief.distress;
  const zone = brief.signals.find((signal) => signal.id.startsWith('distress.'));
  return h('p', { 'data-testid': 'distress' }, `Altman Z'' ${z.toFixed(2)} at ${at}`,
    zone ? `: ${zone.id === 'distress.zone' ? 'in the distress zone' : 'in the grey zone'} (see its signal below).` : ', outside the playbook\'s distress and grey zones.');
}

export async function renderAccount(root, id, role) {
  root.append(h('h1', {}, 'Account: what its numbers mean'), lookupForm(id, role));
  const carried = data.reportAccounts();
  if (carried) {
    root.append(h('p', {}, 'This report carries: ', carried.map((account, index) => [index ? ', ' : '', h('a', { href: `#/account/${encodeURIComponent(account)}` }, account)])));
  }
  if (!id) {
    root.append(h('p', {}, 'Give an account id to read its brief and the hypotheses its sellers wrote.'));
    return;
  }
  const [brief, hypotheses] = await Promise.all([data.brief(id, role), data.hypotheses(id)]);
  if (!brief) {
    root.append(h('p', { class: 'bad', 'data-testid': 'account-missing' }, `tact has no facts for ${id}.`));
    return;
  }
  const years = brief.years ?? [];
  const currency = brief.currency;
  const charted = (series) => series.some(([, value]) => years.some((year) => value(year) !== null && value(year) !== undefined));
  const charts = [
    yearsChart('chart-revenue', 'Revenue and net income (millions)', years, [
      ['Revenue', (y) => millions(y.revenue), COLORS.revenue], ['Net income', (y) => millions(y.net_income), COLORS.income]], `${currency ?? ''} millions`),
    yearsChart('chart-margins', 'Gross and operating margin (%)', years, [
      ['Gross margin', (y) => (y.gross_margin === null ? null : y.gross_margin * 100), COLORS.gross, 'line'],
      ['Operating margin', (y) => (y.operating_margin === null ? null : y.operating_margin * 100), COLORS.operating, 'line']], '%'),
    yearsChart('chart-balance', 'Debt and cash (millions)', years, [
      ['Debt', (y) => millions(y.debt), COLORS.debt], ['Cash', (y) => millions(y.cash), COLORS.cash]], `${currency ?? ''} millions`),
  ].filter(([, , series]) => charted(series));
  root.append(h('div', {}, header(brief), distress(brief)));
  if (years.length > 0) {
    root.append(h('div', { class: 'columns' }, charts.map(([section]) => section)), h('section', { class: 'card' }, yearsTable(years, currency)));
  }
  root.append(
    h('section', {}, h('h2', {}, `Signals (${brief.signals.length})`), brief.signals.length === 0 ? h('p', {}, 'No signal: see what is missing below.') : brief.signals.map((signal) => signalCard(signal, brief.cik))),
    h('section', { class: 'card' }, h('h2', {}, `Questions worth asking${brief.role ? ` a ${brief.role.title}` : ''}`),
      h('ol', { 'data-testid': 'questions' }, brief.questions.map((question) => h('li', {}, question)))),
    brief.missing.length > 0 ? h('section', { class: 'card' }, h('h2', {}, 'What is missing'), h('ul', { 'data-testid': 'missing' }, brief.missing.map((line) => h('li', {}, line)))) : null,
    h('section', { class: 'card' }, h('h2', {}, 'Hypotheses'), hypotheses === null ? h('p', {}, 'This report carries no hypotheses.') : hypothesesTable(hypotheses),
      data.report ? null : hypothesisForm(id, brief, () => renderAgain(root, id))),
  );
  for (const [, drawChart] of charts) drawChart();
}

async function renderAgain(root, id) {
  const hypotheses = await data.hypotheses(id);
  const table = root.querySelector('[data-testid="hypotheses"], [data-testid="no-hypotheses"]');
  table?.replaceWith(hypothesesTable(hypotheses ?? []));
}
