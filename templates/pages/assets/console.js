// The console's forms post JSON to the same /api routes API clients use, with the session's
// CSRF token, and show the API's messages beside the fields they name. No build step.
'use strict';

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') : '';
}

/** A field's value as the API expects it: data-type number, boolean, list (one per line) or text. */
function valueOf(field) {
  const type = field.dataset.type;
  if (field.type === 'checkbox') return field.checked;
  const raw = field.value.trim();
  if (raw === '') return undefined;
  if (type === 'number') return Number(raw);
  if (type === 'boolean') return raw === 'true';
  if (type === 'list') return raw.split(/\n|,|，/).map((s) => s.trim()).filter(Boolean);
  return raw;
}

/** Dotted names (members.0.name) build nested objects; numeric segments build arrays. */
function formToJson(form) {
  const out = {};
  // A row (an income line) whose key field is blank is left out whole.
  const blankRows = [...form.querySelectorAll('[data-row]')].filter((row) => {
    const key = row.querySelector(`[name$=".${row.dataset.row}"]`);
    return key && key.value.trim() === '';
  });
  for (const field of form.querySelectorAll('[name]')) {
    if (field.name === '_csrf' || field.disabled) continue;
    if (blankRows.some((row) => row.contains(field))) continue;
    if (field.type === 'radio' && !field.checked) continue;
    const value = valueOf(field);
    if (value === undefined) continue;
    const path = field.name.split('.');
    let node = out;
    path.forEach((key, i) => {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(path[i + 1]);
      if (last) node[key] = value;
      else node = node[key] ??= nextIsIndex ? [] : {};
    });
  }
  // Arrays with holes (a blank income row) are compacted.
  (function compact(node) {
    for (const key of Object.keys(node)) {
      if (Array.isArray(node[key])) node[key] = node[key].filter((x) => x !== undefined && x !== null);
      if (node[key] && typeof node[key] === 'object') compact(node[key]);
    }
  })(out);
  return out;
}

function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  const banner = form.querySelector('.form-error');
  if (banner) banner.textContent = '';
}

/** "field: message" pairs from the API's details (400) or a workflow validator's message (422). */
function fieldProblems(body) {
  if (Array.isArray(body.details)) {
    return body.details.map((d) => ({ field: String(d.field).replace(/^body\./, ''), message: d.message }));
  }
  return String(body.message || '')
    .split('; ')
    .map((part) => part.match(/^([\w.]+): (.*)$/))
    .filter(Boolean)
    .map((m) => ({ field: m[1], message: m[2] }));
}

function showErrors(form, status, body) {
  const problems = fieldProblems(body);
  const unplaced = [];
  for (const p of problems) {
    const field = form.querySelector(`[name="${CSS.escape(p.field)}"]`);
    if (!field) {
      unplaced.push(`${p.field}: ${p.message}`);
      continue;
    }
    const note = document.createElement('span');
    note.className = 'field-error';
    note.setAttribute('role', 'alert');
    note.textContent = p.message;
    field.insertAdjacentElement('afterend', note);
  }
  const banner = form.querySelector('.form-error');
  if (banner && (problems.length === 0 || unplaced.length > 0)) {
    banner.textContent = unplaced.length > 0 ? unplaced.join('；') : `${body.message || '提交失败'}（${status}）`;
  }
}

async function submitJson(event) {
  const form = event.target.closest('form[data-api]');
  if (!form) return;
  event.preventDefault();
  clearErrors(form);
  const button = form.querySelector('button[type="submit"]');
  if (button) button.disabled = true;
  try {
    const headers = { 'Content-Type': 'application/json', 'x-csrf-token': csrfToken() };
    // One key per form as shown: a submission sent again after a lost answer is applied once.
    form.dataset.idempotent ||= crypto.randomUUID();
    headers['Idempotency-Key'] = form.dataset.idempotent;
    const response = await fetch(form.dataset.api, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: JSON.stringify(formToJson(form)),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) return showErrors(form, response.status, body);
    const next = form.dataset.redirect;
    window.location.assign(next ? next.replace(/\{(\w+)\}/g, (_, k) => body[k] ?? '') : window.location.href);
  } finally {
    if (button) button.disabled = false;
  }
}

document.addEventListener('submit', submitJson);

// 查看完整身份证号: revealed on request, and the reading is logged by the API.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-reveal]');
  if (!button) return;
  const response = await fetch(button.dataset.reveal, {
    method: 'POST',
    headers: { 'x-csrf-token': csrfToken() },
    credentials: 'same-origin',
  });
  const body = await response.json().catch(() => ({}));
  if (response.ok) button.replaceWith(document.createTextNode(body.idNumber));
});

document.addEventListener('click', (event) => {
  if (event.target.closest('button[data-print]')) window.print();
});
