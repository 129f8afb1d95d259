// Launches the system's headless Chromium through playwright-core (from emulators/node_modules), with
// no network of its own (no background requests, no component updates), for the site's browser tests.
'use strict';
const path = require('path');

function launch(nodeModules, chromiumPath) {
  const { chromium } = require(path.resolve(nodeModules, 'playwright-core'));
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
      '--disable-background-networking', '--disable-component-update'],
  });
}

module.exports = { launch };
