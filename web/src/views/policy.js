// The policy tact answers from: its budgets and the file as written.
import * as data from '../data.js';
import { csvLink } from '../csv.js';
import { formatTime, h } from '../format.js';

export async function renderPolicy(root) {
  const policy = await data.policy();
  root.append(h('h1', {}, 'The active policy'));
  if (!policy) {
    root.append(h('p', {}, 'This report does not carry the policy.'));
    return;
  }
  root.append(
    h('p', { class: 'range' }, `Version ${policy.version ?? '—'}, loaded from ${policy.source || 'the built-in default'}. docs/policy.md explains every key.`),
    h('section', { class: 'card' }, h('h2', {}, 'Budgets'),
      h('table', { 'data-testid': 'policy-budgets' },
        h('thead', {}, h('tr', {}, ['rule', 'scope', 'window', 'at most'].map((t) => h('th', {}, t)))),
        h('tbody', {}, policy.budgets.map((b) => h('tr', {}, h('td', {}, h('code', {}, b.rule)), h('td', {}, b.scope), h('td', {}, b.window), h('td', {}, b.max)))))),
    h('section', { class: 'card' }, h('h2', {}, 'The file'), h('pre', { class: 'toml', 'data-testid': 'policy-text' }, policy.text)),
  );
  const versions = await data.policyVersions();
  if (!versions) return;
  const table = h('table', { 'data-testid': 'policy-versions' },
    h('thead', {}, h('tr', {}, ['version', 'in force from', 'by', 'from', 'what changed'].map((t) => h('th', {}, t)))),
    h('tbody', {}, versions.versions.map((v) => h('tr', { 'data-version': v.version, class: v.version === policy.version ? 'current' : '' },
      h('td', {}, v.version === policy.version ? `${v.version} (in force)` : v.version), h('td', {}, formatTime(v.at)),
      h('td', {}, v.token ?? 'a file'), h('td', {}, v.origin),
      h('td', {}, v.changes.length === 0 ? (v.version === 1 ? 'the first version' : '—') : v.changes.map((line) => h('div', {}, h('code', {}, line))))))));
  root.append(h('section', { class: 'card' }, h('h2', {}, 'Versions'),
    h('p', { class: 'kpi-hint' }, 'Every policy that came into force, the latest first; each decision names the version that made it (policy_version).'),
    table, csvLink(table, 'policy-versions')));
}
