// The date range, comparison period and filters every mirror view shares.
// They live in the address (#/league/team?from=2027-03-01&to=2027-03-14&team=growth&compare=1),
// so a view a team looks at is a link it can send.
import * as data from './data.js';
import { h, nameOf } from './format.js';

export const FILTERS = ['team', 'campaign', 'sender', 'tool', 'channel', 'kind'];

// The state in the address: {from, to, compare, team, …}; absent ones unset.
export function readState() {
  const query = location.hash.includes('?') ? location.hash.slice(location.hash.indexOf('?') + 1) : '';
  const params = new URLSearchParams(query);
  const state = {};
  for (const name of ['from', 'to', ...FILTERS]) if (params.get(name)) state[name] = params.get(name);
  state.compare = params.get('compare') === '1';
  return state;
}

// What the API takes of the state: the range and the filters.
export function apiParams(state) {
  const params = {};
  for (const name of ['from', 'to', ...FILTERS]) if (state[name]) params[name] = state[name];
  return params;
}

function withState(path, state) {
  const params = new URLSearchParams();
  for (const name of ['from', 'to', ...FILTERS]) if (state[name]) params.set(name, state[name]);
  if (state.compare) params.set('compare', '1');
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

// The view's path without the state: "#/league/team".
export function viewPath() {
  const hash = location.hash || '#/';
  return hash.includes('?') ? hash.slice(0, hash.indexOf('?')) : hash;
}

// A link to `path` that keeps the current state.
export function linkTo(path) {
  return withState(path, readState());
}

const DAY = 24 * 60 * 60 * 1000;
const dayOf = (text) => Date.parse(`${text}T00:00:00Z`);
const textOf = (time) => new Date(time).toISOString().slice(0, 10);

// The period of the same length just before [from, to].
export function previousPeriod(from, to) {
  const length = dayOf(to) - dayOf(from) + DAY;
  return { from: textOf(dayOf(from) - length), to: textOf(dayOf(from) - DAY) };
}



// The bar above a view: the range the report shows (`shown`: its from and
// to), a comparison period, and one select per filter.
export async function rangeBar(shown) {
  // A report file carries one range and no filters: nothing to choose.
  if (data.report) return h('p', { class: 'range', 'data-testid': 'range-bar' }, 'This report covers the days it was made for; the live dashboard chooses ranges and filters.');
  const state = readState();
  const from = h('input', { type: 'date', name: 'from', value: shown.from, 'aria-label': 'from' });
  const to = h('input', { type: 'date', name: 'to', value: shown.to, 'aria-label': 'to' });
  const compare = h('input', { type: 'checkbox', name: 'compare', checked: state.compare, 'aria-label': 'compare with the period before' });
  // The names each filter can take in the range, in one request.
  const all = await data.names({ from: shown.from, to: shown.to });
  const names = FILTERS.map((dimension) => all[dimension] ?? []);
  const selects = FILTERS.map((dimension, index) => {
    const current = state[dimension] ?? '';
    // Sources without a name cannot be picked: the API reads an empty filter as none.
    const options = [...new Set([...names[index], ...(current ? [current] : [])])].filter((name) => name !== '');
    return h('select', { name: dimension, 'aria-label': dimension, 'data-filter': dimension },
      h('option', { value: '' }, `every ${dimension}`),
      options.map((name) => h('option', { value: name, selected: name === current }, nameOf(name))));
  });
  const apply = (event) => {
    event?.preventDefault();
    const next = { from: from.value, to: to.value, compare: compare.checked };
    FILTERS.forEach((dimension, index) => { if (selects[index].value) next[dimension] = selects[index].value; });
    location.hash = withState(viewPath(), next);
  };
  for (const control of [from, to, compare, ...selects]) control.addEventListener('change', apply);
  const filtered = FILTERS.filter((dimension) => state[dimension]);
  return h('form', { class: 'range-bar', 'data-testid': 'range-bar', onsubmit: apply },
    h('label', {}, 'From ', from), h('label', {}, 'to ', to),
    h('label', {}, compare, ' compare with the period before'),
    selects,
    filtered.length ? h('a', { href: withState(viewPath(), { from: shown.from, to: shown.to, compare: state.compare }), 'data-testid': 'clear-filters' }, 'clear filters') : null);
}
