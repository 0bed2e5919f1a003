// Renders /openapi.json as a reference page: operations grouped by tag, each with its parameters,
// request body, responses and examples, schemas resolved from components. Text only via the DOM.
import { el } from './dom.js';

const main = document.getElementById('main');
const toc = document.getElementById('toc');

function resolve(doc, node, depth = 0) {
  if (node === null || typeof node !== 'object' || depth > 12) return node;
  if (Array.isArray(node)) return node.map((n) => resolve(doc, n, depth + 1));
  if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    const target = node.$ref.slice(2).split('/').reduce((at, part) => (at ? at[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), doc);
    return resolve(doc, target, depth + 1);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(doc, v, depth + 1)]));
}

function json(value) {
  return el('pre', {}, JSON.stringify(value, null, 2));
}

function section(title, ...children) {
  return el('details', {}, el('summary', {}, title), ...children);
}

function operation(doc, path, method, op) {
  const id = op.operationId;
  const box = el('section', { class: 'op' + (op['x-undocumented'] ? ' undocumented' : ''), id },
    el('h3', {}, el('span', { class: 'method' }, method.toUpperCase()), ' ', path),
    el('p', {}, op['x-undocumented'] ? 'Not described yet: this route exists; its description is still to be written.' : (op.summary || '')),
    op.description ? el('p', { class: 'meta' }, op.description) : null,
    el('p', { class: 'meta' }, [
      op['x-task-kind'] ? `creates a ${op['x-task-kind']} task${op['x-synchronous'] ? ', answers when it is done' : ''}` : null,
      op['x-aliases'] ? `also at ${op['x-aliases']}` : null,
      (op.security || doc.security || []).length === 0 ? 'no authentication' : null,
    ].filter(Boolean).join(' · ')));
  const parameters = resolve(doc, op.parameters || []);
  if (parameters.length) {
    box.append(section('Parameters', el('ul', {}, parameters.map((p) =>
      el('li', {}, el('code', {}, p.name), ` (${p.in}${p.required ? ', required' : ''}) `, p.description || '')))));
  }
  const body = op.requestBody && resolve(doc, op.requestBody);
  if (body) {
    for (const [type, media] of Object.entries(body.content || {})) {
      box.append(section(`Request body (${type})`, media.schema ? json(media.schema) : null, media.example ? el('p', {}, 'Example:') : null, media.example ? json(media.example) : null));
    }
  }
  for (const [status, response] of Object.entries(resolve(doc, op.responses || {}))) {
    const content = response.content || {};
    const parts = Object.entries(content).map(([type, media]) => [el('p', { class: 'meta' }, type), media.schema ? json(media.schema) : null, media.example ? json(media.example) : null]);
    box.append(section(`${status} — ${response.description || ''}`, ...parts.flat()));
  }
  return box;
}

async function render() {
  const response = await fetch('/openapi.json');
  const doc = await response.json();
  document.getElementById('loading').remove();
  main.append(el('h1', {}, doc.info?.title || 'API'), el('p', {}, doc.info?.description || ''));
  const byTag = new Map();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = (op.tags && op.tags[0]) || 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push([path, method, op]);
    }
  }
  for (const [tag, ops] of byTag) {
    toc.append(el('h2', {}, tag), el('ul', {}, ops.map(([path, method, op]) => el('li', {}, el('a', { href: '#' + op.operationId }, `${method.toUpperCase()} ${path}`)))));
    main.append(el('h2', {}, tag), ...ops.map(([path, method, op]) => operation(doc, path, method, op)));
  }
}

render().catch((error) => { main.append(el('p', { role: 'alert' }, 'Could not load /openapi.json: ' + error.message)); });
