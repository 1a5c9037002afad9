import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';

const TEMPLATES = path.resolve(__dirname, '..', 'templates');

const engine = Handlebars.create();
for (const file of fs.readdirSync(path.join(TEMPLATES, 'notices', 'partials'))) {
  engine.registerPartial(
    path.basename(file, '.hbs'),
    fs.readFileSync(path.join(TEMPLATES, 'notices', 'partials', file), 'utf8'),
  );
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Renders `templates/<name>.hbs`; every letter, notice and mail body goes through here. */
export function renderTemplate(name: string, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    const source = fs.readFileSync(path.join(TEMPLATES, `${name}.hbs`), 'utf8');
    // Letters are HTML and escaped; mail bodies are plain text and must not be.
    template = engine.compile(source, { noEscape: name.startsWith('mail/'), strict: true });
    compiled.set(name, template);
  }
  return template(data);
}
