// Shared helpers for the core tests (not a test file itself).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const core = require('../../dist/core.js');
export const catalog = core.catalog;

/**
 * Parses a snippet marked up with ⟦written:kind[:napcat]⟧ around every expected finding.
 * Returns the plain text and the expected findings with their UTF-16 offsets.
 * `napcat` defaults to `written`.
 */
export function markup(src) {
  let text = '';
  const expected = [];
  const re = /⟦([^⟧]*)⟧/g;
  let at = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    text += src.slice(at, m.index);
    const [written, kind, napcat] = m[1].split(':');
    if (!written || !kind) throw new Error(`bad marker ${m[0]}`);
    const start = text.length;
    text += written;
    expected.push({ start, end: start + written.length, text: written, napcat: napcat ?? written, kind });
    at = m.index + m[0].length;
  }
  text += src.slice(at);
  return { text, expected };
}

/** The comparable part of each finding: offsets, the text they cover, napcat, kind. */
export function shape(text, findings) {
  return findings.map((f) => ({ start: f.start, end: f.end, text: text.slice(f.start, f.end), napcat: f.napcat, kind: f.kind }));
}

export function analyzeShape(text, languageId) {
  return shape(text, core.analyze(text, languageId));
}

/** Only the findings about a NapCat name (drops milky-params findings). */
export function napcatFindings(text, languageId, opts) {
  return core.analyze(text, languageId, opts).filter((f) => f.kind !== 'milky-params');
}

/** planFixes + applyEdits over the analysis of `text`. */
export function fix(text, languageId) {
  const findings = core.analyze(text, languageId);
  const plan = core.planFixes(findings, text);
  return { text: core.applyEdits(text, plan.edits), plan, findings };
}
