// The console's forms post JSON to the same /api routes API clients use, with the session's
// CSRF token, and show the API's messages beside the fields they name. No build step.
'use strict';

function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.getAttribute('content') : '';
}

/**
 * A field's value as the API expects it: data-type number, boolean, list (one per line) or text;
 * number-or-null (blank is null), string (blank is ''); a file input sends the chosen file's text.
 */
async function valueOf(field) {
  const type = field.dataset.type;
  if (field.type === 'checkbox') return field.checked;
  if (field.type === 'file') {
    if (field.files.length === 0) return undefined;
    // data-encoding-from names the form's format field: an XLSX file goes as base64, text as text.
    const format = field.dataset.encodingFrom && field.form.querySelector(`[name="${field.dataset.encodingFrom}"]`);
    if (format && format.value === 'xlsx') {
      const bytes = new Uint8Array(await field.files[0].arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    }
    return field.files[0].text();
  }
  const raw = field.value.trim();
  if (raw === '') return type === 'number-or-null' ? null : type === 'string' ? '' : undefined;
  if (type === 'number' || type === 'number-or-null') return Number(raw);
  if (type === 'boolean') return raw === 'true';
  if (type === 'list') return raw.split(/\n|,|，/).map((s) => s.trim()).filter(Boolean);
  return raw;
}

function setPath(out, name, value) {
  const path = name.split('.');
  let node = out;
  path.forEach((key, i) => {
    const last = i === path.length - 1;
    const nextIsIndex = !last && /^\d+$/.test(path[i + 1]);
    if (last) node[key] = value;
    else node = node[key] ??= nextIsIndex ? [] : {};
  });
  return value;
}

function base64Of(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const getPath = (out, name) => name.split('.').reduce((node, key) => (node ? node[key] : undefined), out);

/**
 * A union of the form (data-union="path"): its data-discriminator select picks the data-branch
 * whose fields are sent; the blank choice sends null for the whole path.
 */
function outsideChosenBranch(field) {
  const branch = field.closest('[data-branch]');
  const union = branch && branch.closest('[data-union]');
  const chosen = union && union.querySelector('[data-discriminator]');
  return Boolean(chosen) && chosen.value !== branch.dataset.branch;
}

/**
 * Dotted names (members.0.name) build nested objects; numeric segments build arrays. Checkboxes
 * of data-type set collect their values into a list; fields marked data-in-path fill the API
 * path's {name} instead of the body.
 */
async function formToJson(form) {
  const out = {};
  // A row (an income line) whose key field is blank is left out whole.
  const blankRows = [...form.querySelectorAll('[data-row]')].filter((row) => {
    const key = row.querySelector(`[name$=".${row.dataset.row}"]`);
    return key && key.value.trim() === '';
  });
  for (const field of form.querySelectorAll('[name]')) {
    if (field.name === '_csrf' || field.disabled || field.dataset.inPath !== undefined) continue;
    if (blankRows.some((row) => row.contains(field))) continue;
    if (field.type === 'radio' && !field.checked) continue;
    if (outsideChosenBranch(field)) continue;
    // A result file (data-type sheet): an .xlsx goes as base64 with format xlsx, anything else as CSV text.
    if (field.type === 'file' && field.dataset.type === 'sheet') {
      const file = field.files[0];
      if (!file) continue;
      const xlsx = /\.xlsx$/i.test(file.name);
      setPath(out, 'format', xlsx ? 'xlsx' : 'csv');
      setPath(out, field.name, xlsx ? base64Of(new Uint8Array(await file.arrayBuffer())) : await file.text());
      continue;
    }
    if (field.dataset.type === 'set') {
      const list = getPath(out, field.name) ?? setPath(out, field.name, []);
      if (field.checked) list.push(field.value);
      continue;
    }
    const value = await valueOf(field);
    if (value === undefined) continue;
    setPath(out, field.name, value);
  }
  for (const union of form.querySelectorAll('[data-union]')) {
    const chosen = union.querySelector('[data-discriminator]');
    if (chosen && chosen.value === '') setPath(out, union.dataset.union, null);
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
    // A problem of a file's row (a bank return) names its row and column, not a field.
    return body.details.map((d) => ({
      field: d.field !== undefined ? String(d.field).replace(/^body\./, '') : `第 ${d.row} 行 ${d.column}`,
      message: d.message,
    }));
  }
  return String(body.message || '')
    .split('; ')
    .map((part) => part.match(/^([\w.]+): (.*)$/))
    .filter(Boolean)
    .map((m) => ({ field: m[1], message: m[2] }));
}

/**
 * The field a problem names, or else the closest one above it (`csv.3.date` beside the file
 * field `csv`, `policy.appraisal.quorum` beside the fields of that share).
 */
function fieldFor(form, name) {
  for (let path = name.split('.'); path.length > 0; path = path.slice(0, -1)) {
    const key = CSS.escape(path.join('.'));
    const found = form.querySelector(`[name="${key}"]`) || form.querySelector(`[data-field="${key}"]`);
    if (found) return found;
  }
  return null;
}

function showErrors(form, status, body) {
  const problems = fieldProblems(body);
  const unplaced = [];
  // Several problems of one field are listed under it in the order the API gave them.
  const lastNote = new Map();
  for (const p of problems) {
    const field = fieldFor(form, p.field);
    if (!field) {
      unplaced.push(`${p.field}: ${p.message}`);
      continue;
    }
    const note = document.createElement('span');
    note.className = 'field-error';
    note.setAttribute('role', 'alert');
    note.dataset.problem = p.field;
    note.textContent = p.message;
    (lastNote.get(field) || field).insertAdjacentElement('afterend', note);
    lastNote.set(field, note);
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
    const api = form.dataset.api.replace(/\{(\w+)\}/g, (_, name) => {
      const field = form.querySelector(`[data-in-path][name="${name}"]`);
      return encodeURIComponent(field ? field.value.trim() : '');
    });
    const response = await fetch(api, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      body: JSON.stringify(await formToJson(form)),
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

// A union's branches: only the chosen one's fields show (and are sent).
document.addEventListener('change', (event) => {
  const chosen = event.target.closest('[data-discriminator]');
  const union = chosen && chosen.closest('[data-union]');
  if (!union) return;
  for (const branch of union.querySelectorAll('[data-branch]')) branch.hidden = branch.dataset.branch !== chosen.value;
});
