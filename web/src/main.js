// The dashboard: a hash router over seven views. Every view reads its numbers
// through data.js, from the API or from the data a report file carries.
import './style.css';
import * as data from './data.js';
import { destroyAll } from './charts.js';
import { csvForEveryTable } from './csv.js';
import { h } from './format.js';
import { linkTo } from './range.js';
import { renderAccount } from './views/account.js';
import { renderCrowding } from './views/crowding.js';
import { renderHeld } from './views/held.js';
import { renderLeague } from './views/league.js';
import { renderOverview } from './views/overview.js';
import { renderPerson } from './views/person.js';
import { renderPolicy } from './views/policy.js';

const root = document.getElementById('view');

function tokenForm(message) {
  const input = h('input', { type: 'password', name: 'token', placeholder: 'reports token', 'aria-label': 'reports token' });
  return h('form', {
    class: 'lookup',
    onsubmit: (event) => {
      event.preventDefault();
      data.setToken(input.value.trim());
      route();
    },
  }, h('p', {}, message), input, h('button', { type: 'submit' }, 'Use token'));
}

// A report file made by `tact brief --html` carries one account and no
// mirror: it opens on that account.
function defaultView() {
  return data.hasView('overview') ? ['overview'] : ['account', data.reportAccounts()?.[0]];
}

// One view at a time: a route that starts while another is still loading
// waits for it, so two never draw into the view together.
let routing = Promise.resolve();
function route() {
  routing = routing.then(render);
  return routing;
}

async function render() {
  const path = location.hash.split('?')[0];
  const parts = path.replace(/^#\/?/, '').split('/').filter((part) => part !== '');
  const [view, arg, more] = parts.length > 0 ? parts : defaultView();
  destroyAll();
  root.replaceChildren();
  root.setAttribute('data-view', view);
  root.removeAttribute('data-ready');
  for (const link of document.querySelectorAll('[data-nav]')) {
    // The range and filters go with the reader from view to view.
    link.dataset.path ??= link.getAttribute('href');
    link.setAttribute('href', linkTo(link.dataset.path));
    link.classList.toggle('active', link.dataset.nav === view);
    link.hidden = !data.hasView(link.dataset.nav);
  }
  try {
    if (view === 'league') await renderLeague(root, arg ?? 'team');
    else if (view === 'crowding') await renderCrowding(root, arg ?? 'week');
    else if (view === 'person') await renderPerson(root, arg ? decodeURIComponent(arg) : '', more);
    else if (view === 'policy') await renderPolicy(root);
    else if (view === 'held') await renderHeld(root, arg ?? 'held', route);
    else if (view === 'account') await renderAccount(root, arg ? decodeURIComponent(arg) : '', more ? decodeURIComponent(more) : '');
    else await renderOverview(root);
  } catch (error) {
    root.replaceChildren();
    if (error.status === 401 || error.status === 403) {
      root.append(tokenForm(`${error.message} The reports need a token with the reports (or admin) scope.`));
    } else {
      root.append(h('p', { class: 'bad', role: 'alert' }, `Could not load this view: ${error.message}`));
    }
  }
  csvForEveryTable(root);
  // End-to-end tests wait for this: the view and its charts are drawn.
  root.setAttribute('data-ready', 'true');
}

document.getElementById('source').textContent = data.report
  ? `report of ${data.report.source} · made ${data.report.generated}`
  : 'live';
window.addEventListener('hashchange', route);
route();
