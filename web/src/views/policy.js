// The policy tact answers from: its budgets and the file as written.
import * as data from '../data.js';
import { h } from '../format.js';

export async function renderPolicy(root) {
  const policy = await data.policy();
  root.append(h('h1', {}, 'The active policy'));
  if (!policy) {
    root.append(h('p', {}, 'This report does not carry the policy.'));
    return;
  }
  root.append(
    h('p', { class: 'range' }, `Loaded from ${policy.source || 'the built-in default'}. docs/policy.md explains every key.`),
    h('section', { class: 'card' }, h('h2', {}, 'Budgets'),
      h('table', { 'data-testid': 'policy-budgets' },
        h('thead', {}, h('tr', {}, ['rule', 'scope', 'window', 'at most'].map((t) => h('th', {}, t)))),
        h('tbody', {}, policy.budgets.map((b) => h('tr', {}, h('td', {}, h('code', {}, b.rule)), h('td', {}, b.scope), h('td', {}, b.window), h('td', {}, b.max)))))),
    h('section', { class: 'card' }, h('h2', {}, 'The file'), h('pre', { class: 'toml', 'data-testid': 'policy-text' }, policy.text)),
  );
}
