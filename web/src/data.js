// Where the dashboard's numbers come from: the live API of the server that
// served the page, or the data a `tact report` file carries in
// <script id="tact-data" type="application/json">.
const embedded = document.getElementById('tact-data');
export const report = embedded ? JSON.parse(embedded.textContent) : null;

const TOKEN_KEY = 'tact-token';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export function setToken(token) {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

async function request(path, method = 'GET', body = undefined) {
  const headers = { accept: 'application/json' };
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, answer);
  return answer;
}

const get = (path) => request(path);

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const DIMENSIONS = ['team', 'campaign', 'sender', 'tool', 'channel', 'kind'];

export function overview(params) {
  return report ? Promise.resolve(report.overview) : get(`/v1/reports/overview${query(params)}`);
}

export function league(by, params) {
  if (report) return Promise.resolve(report.league?.[by] ?? { by, rows: [], more: 0 });
  return get(`/v1/reports/league${query({ ...params, by, limit: 100 })}`);
}

// The names each filter can take in a range (one scan of the mirror).
export function names(params) {
  if (report) return Promise.resolve(null);
  const { from, to } = params ?? {};
  return get(`/v1/reports/names${query({ from, to })}`);
}

// The touches-per-person distribution; only the range and the team apply.
export function distribution(params) {
  if (report) return Promise.resolve(report.distribution ?? { weeks: [], days30: [] });
  const { from, to, team } = params ?? {};
  return get(`/v1/reports/distribution${query({ from, to, team })}`);
}

// The collision matrix: who crowds out whom.
export function collisions(params) {
  if (report) return Promise.resolve(report.collisions ?? { teams: [], rows: [] });
  return get(`/v1/reports/collisions${query(params)}`);
}

// The control groups, treated against control; null in a report file and
// without [control].
export function control(params) {
  if (report) return Promise.resolve(null);
  const { from, to } = params ?? {};
  return get(`/v1/reports/control${query({ from, to })}`).then((answer) => (answer.groups.length ? answer : null));
}

export function heldBack() {
  return report ? Promise.resolve(report.held_back ?? { people: [] }) : get('/v1/reports/held-back?limit=25');
}

export function reputation() {
  if (report) return Promise.resolve(report.reputation ?? null);
  return get('/v1/reports/reputation');
}

export function policy() {
  return report ? Promise.resolve(report.policy ?? null) : get('/v1/policy');
}

// The policy's versions (GET /v1/policy/versions); null in a report file.
export function policyVersions() {
  return report ? Promise.resolve(null) : get('/v1/policy/versions?limit=100');
}

// A person's "why": history, budgets left and the next allowed time per
// channel. In a report file, only the people it carries; null for others.
export function why(id, kind) {
  if (report) return Promise.resolve(report.people?.[id] ?? null);
  return get(`/v1/people/${encodeURIComponent(id)}/why${query({ kind })}`).catch((error) => {
    if (error.status === 404) return null;
    throw error;
  });
}

// A person's profile (GET /v1/people/{id}); null when tact has none, or in
// a report file.
export function person(id) {
  if (report) return Promise.resolve(null);
  return get(`/v1/people/${encodeURIComponent(id)}`).catch((error) => {
    if (error.status === 404) return null;
    throw error;
  });
}

// The id of the person with this email address, or null.
export async function personWithEmail(email) {
  if (report) return null;
  const found = await get(`/v1/people${query({ email })}`).catch(() => ({ people: [] }));
  return found.people[0]?.id ?? null;
}

export function reportPeople() {
  return report ? Object.keys(report.people ?? {}) : null;
}

// Held touches (GET /v1/held); null in a report file, which carries none.
export function held(state) {
  return report ? Promise.resolve(null) : get(`/v1/held${query({ state, limit: 100 })}`);
}

export function cancelHeld(id) {
  return request(`/v1/held/${encodeURIComponent(id)}`, 'DELETE');
}

// An account's brief (GET /v1/accounts/{id}/brief) for a role; null when tact
// has no facts for it. In a report file, the briefs it carries.
export function brief(id, role) {
  if (report) return Promise.resolve(report.accounts?.[id]?.brief ?? null);
  return get(`/v1/accounts/${encodeURIComponent(id)}/brief${query({ role })}`).catch((error) => {
    if (error.status === 404) return null;
    throw error;
  });
}

// The account's hypotheses, the latest first; null in a report file that
// carries none.
export function hypotheses(id) {
  if (report) return Promise.resolve(report.accounts?.[id]?.hypotheses ?? null);
  return get(`/v1/accounts/${encodeURIComponent(id)}/hypotheses?limit=50`).then((body) => body.hypotheses);
}

export function writeHypothesis(id, hypothesis) {
  return request(`/v1/accounts/${encodeURIComponent(id)}/hypotheses`, 'POST', hypothesis);
}

export function reportAccounts() {
  return report?.accounts ? Object.keys(report.accounts) : null;
}

// The views a report file has data for (all of them live).
export function hasView(view) {
  if (!report) return true;
  if (view === 'account') return Boolean(report.accounts);
  return Boolean(report.overview);
}
