import { strict as assert } from 'node:assert';
import { buildCli, REPO, runCli } from './harness';

describe('cli: catalog', () => {
  before(() => buildCli());

  it('json: 61 criteria with distinct descriptions and 330 points of focus, plus templates and rules', () => {
    const result = runCli(['catalog', '--format', 'json'], { cwd: REPO });
    assert.equal(result.code, 0);
    const json = JSON.parse(result.stdout);
    const tsc = json.catalogs.find((c: { id: string }) => c.id === 'tsc');
    assert.equal(tsc.controls.length, 61);
    for (const control of tsc.controls) {
      for (const key of ['id', 'title', 'category', 'series', 'description', 'pointsOfFocus']) assert.ok(key in control, `${control.id} has ${key}`);
      assert.ok(control.description.length > 40, control.id);
    }
    assert.equal(new Set(tsc.controls.map((c: { description: string }) => c.description)).size, 61);
    assert.equal(tsc.controls.reduce((n: number, c: { pointsOfFocus: unknown[] }) => n + c.pointsOfFocus.length, 0), 330);
    assert.deepEqual(Object.keys(tsc.controls[0].pointsOfFocus[0]).sort(), ['id', 'summary', 'title']);
    assert.equal(new Set(tsc.controls.map((c: { series: string }) => c.series)).size, 20);
    assert.ok(json.templates.length > 0 && json.templates.every((t: { id: string; suggestedCriteria: unknown[] }) => t.id && Array.isArray(t.suggestedCriteria)));
    const codes = json.rules.map((r: { code: string }) => r.code);
    assert.ok(codes.includes('unknown-criterion') && codes.includes('config-invalid'));
    for (const rule of json.rules) assert.match(rule.helpUri, new RegExp(`#${rule.code}$`));
  });

  it('text lists every criterion under its series', () => {
    const result = runCli(['catalog'], { cwd: REPO });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /^Trust Services Criteria \(tsc\): 61 controls, 330 points of focus$/m);
    assert.match(result.stdout, /^ {2}CC6 Logical and Physical Access Controls$/m);
    assert.match(result.stdout, /^ {4}P8\.1 {4}/m);
  });
});
