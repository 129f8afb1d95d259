// A reader's whole subscription, in headless Chromium on a ./hub preview server: subscribes to one
// section through the site's form, follows the confirmation link from the outbox .eml, opens the
// preference page from the welcome email, changes what they follow and the cadence, then
// unsubscribes from everything. Every page and email on the way is checked with axe-core (injected
// into the page); with a screenshot folder, it also shoots the preference page and the digest
// preview (site/digest/latest.html), light and dark. One JSON report on stdout.
//
//   node preferences.cjs <base url> <outbox folder> <node_modules> <chromium> [<screenshot folder>]
'use strict';
const fs = require('fs');
const path = require('path');

const [base, outbox, nodeModules, chromiumPath, shots] = process.argv.slice(2);
if (!base || !outbox || !nodeModules || !chromiumPath) {
  console.error('usage: node preferences.cjs <base url> <outbox> <node_modules> <chromium> [<screenshot folder>]');
  process.exit(2);
}
const { launch } = require(path.resolve(__dirname, '../../../../../channels/site/src/test/node/chromium.cjs'));
const axeSource = fs.readFileSync(path.resolve(nodeModules, 'axe-core/axe.min.js'), 'utf8');
const report = { axe: {}, texts: {}, requests: [] };

// The parts of a MIME message as the outbox writes it: multipart/alternative, quoted-printable.
function parts(file) {
  const raw = fs.readFileSync(file, 'latin1');
  const boundary = /boundary="?([^"\r\n;]+)"?/.exec(raw)[1];
  const found = {};
  for (const chunk of raw.split('--' + boundary).slice(1, -1)) {
    const split = chunk.indexOf('\r\n\r\n');
    const head = chunk.slice(0, split);
    const qp = chunk.slice(split + 4).replace(/=\r\n/g, '');
    const bytes = [];
    for (let i = 0; i < qp.length; i++) {
      if (qp[i] === '=' && /^[0-9A-F]{2}$/.test(qp.substr(i + 1, 2))) {
        bytes.push(parseInt(qp.substr(i + 1, 2), 16));
        i += 2;
      } else {
        bytes.push(qp.charCodeAt(i));
      }
    }
    found[/text\/html/.test(head) ? 'html' : 'text'] = Buffer.from(bytes).toString('utf8');
  }
  return found;
}

// The newest message whose subject line contains `subject`.
function mail(subject) {
  const files = fs.readdirSync(outbox).filter(f => f.endsWith('.eml')).map(f => path.join(outbox, f))
    .filter(f => fs.readFileSync(f, 'latin1').includes(subject));
  if (files.length === 0) throw new Error('no email "' + subject + '" in ' + outbox);
  files.sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  return parts(files[files.length - 1]);
}

function link(text, route) {
  const m = new RegExp('(https?://[^\\s]+/api/' + route + '\\?token=[A-Za-z0-9_.~%-]+)').exec(text);
  if (!m) throw new Error('no ' + route + ' link in:\n' + text);
  return m[1];
}

// Pages and emails alike get every rule axe runs by default (an email's content sits in one <main>,
// so the landmark rules hold for it too).
async function axe(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(o => window.axe.run(document, o), { resultTypes: ['violations'] });
  report.axe[name] = result.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '));
}

async function text(page, name) {
  report.texts[name] = (await page.textContent('main')).replace(/\s+/g, ' ').trim();
}

async function shoot(page, name) {
  if (!shots) return;
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: path.join(shots, name + '-' + scheme + '.png'), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

(async () => {
  const browser = await launch(nodeModules, chromiumPath);
  try {
    const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
    // nothing leaves the machine: every request goes to the preview server, or is refused and reported
    await page.route('**/*', route => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('data:') || url === 'about:blank') return route.continue();
      report.requests.push(url);
      return route.abort();
    });

    await page.goto(base + 'subscribe.html');
    await axe(page, 'site subscribe page');
    await page.fill('#subscribe-email', 'reader@example.com');
    await page.check('#follow-careers');
    await Promise.all([page.waitForNavigation(), page.click('form.subscribe-form button[type=submit]')]);
    await text(page, 'subscribed');
    await axe(page, 'subscribe answer');

    const confirmation = mail('Confirm your subscription');
    await page.setContent(confirmation.html);
    await axe(page, 'confirmation email');
    await page.goto(link(confirmation.text, 'confirm'));
    await axe(page, 'confirm page');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    await text(page, 'confirmed');

    const welcome = mail('Welcome to');
    report.texts.welcome = welcome.text;
    await page.setContent(welcome.html);
    await axe(page, 'welcome email');
    await page.goto(link(welcome.text, 'manage'));
    await axe(page, 'preference page');
    await shoot(page, 'preference-page');
    await page.check('#section-skills');
    await page.check('input[name=cadence][value=weekly]');
    await Promise.all([page.waitForNavigation(), page.click('button[name=save]')]);
    await text(page, 'saved');
    report.skillsTicked = await page.isChecked('#section-skills');
    await axe(page, 'preference page after saving');

    // the magic link: asked for by address on the Subscribe page, it opens the same preference page
    await page.goto(base + 'subscribe.html');
    await page.fill('#settings-email', 'reader@example.com');
    await Promise.all([page.waitForNavigation(), page.click('form.settings-form button[type=submit]')]);
    await text(page, 'link requested');
    await axe(page, 'settings link answer');
    const settings = mail('Your email settings');
    await page.setContent(settings.html);
    await axe(page, 'settings link email');
    await page.goto(link(settings.text, 'manage'));
    report.skillsTickedFromMagicLink = await page.isChecked('#section-skills');

    await Promise.all([page.waitForNavigation(), page.click('button[name=leave]')]);
    await text(page, 'left');

    await page.goto(base + 'digest/latest.html');
    await axe(page, 'digest email');
    await shoot(page, 'digest');
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
})().catch(e => {
  console.error(e && e.stack || e);
  process.exit(1);
});
