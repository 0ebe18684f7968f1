#!/usr/bin/env node
// Renders media/icon.svg to media/icon.png (128x128): the Marketplace and vsce accept only PNG icons.
// Uses the same headless Chromium as the e2e runner, so no image tool is needed.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svg = readFileSync(new URL('../media/icon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.SOC2_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: new URL('../media/icon.png', import.meta.url).pathname, omitBackground: true });
  console.log('wrote media/icon.png');
} finally {
  await browser.close();
}
