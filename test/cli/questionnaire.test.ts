import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { buildCli, copyFixture, runCli, tempDir } from './harness';

const QUESTIONS = [
  ['IAM-1', 'Is multi-factor authentication enforced for all user accounts?'],
  ['IAM-2', 'Are user access rights reviewed at least quarterly?'],
  ['BCP-1', 'Are backups of production data performed daily?'],
  ['PHY-1', 'Describe the physical security controls at your data centers.'],
];

async function writeSheet(file: string, shape: (sheet: ExcelJS.Worksheet) => void = () => {}): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Security');
  sheet.addRow(['Vendor security questionnaire']);
  sheet.addRow(['Question ID', 'Question', 'Response', 'Comments']);
  for (const [id, question] of QUESTIONS) sheet.addRow([id, question, '', '']);
  shape(sheet);
  await workbook.xlsx.writeFile(file);
}

describe('soc2-policy questionnaire', function () {
  this.timeout(120000);
  let dir: string;
  let cleanup: () => void;
  let root: string;

  before(() => buildCli());
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    root = copyFixture('examples/acme-saas', dir, 'acme');
    // An excluded criterion makes its questions n/a; the example itself may carve CC6.4 out instead.
    const config = path.join(root, 'soc2-policy.yaml');
    const text = readFileSync(config, 'utf8');
    if (!/^ *exclusions:/m.test(text)) writeFileSync(config, text.replace(/^( *)categories: (.*)$/m, '$1categories: $2\n$1exclusions:\n$1  - criteria: [CC6.4]\n$1    reason: Hosted in AWS.'));
  });
  afterEach(() => cleanup());

  it('imports an xlsx, drafts cited answers, exports a filled copy and flags a stale citation', async () => {
    const input = path.join(dir, 'customer.xlsx');
    await writeSheet(input);
    const original = readFileSync(input);
    const imported = runCli(['questionnaire', 'import', input], { cwd: root });
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Imported 4 questions into questionnaires\/customer\.yaml/);

    const answered = runCli(['questionnaire', 'answer', 'customer', '--format', 'json'], { cwd: root });
    assert.equal(answered.code, 0, answered.stderr);
    const json = JSON.parse(answered.stdout);
    const byId = Object.fromEntries(json.questions.map((q: { id: string; answer: unknown }) => [q.id, q.answer]));
    const first = byId['IAM-1'].citations[0];
    assert.equal(`${first.document}#${first.section}`, 'policies/access-control-policy.md#authentication-and-logical-access');
    assert.equal(byId['PHY-1'].value, 'n/a');
    const yaml = parse(readFileSync(path.join(root, 'questionnaires/customer.yaml'), 'utf8'));
    assert.equal(yaml.questions[0].answer.status, 'draft');

    const exported = runCli(['questionnaire', 'export', 'customer', '--format', 'xlsx'], { cwd: root });
    assert.equal(exported.code, 0, exported.stderr);
    assert.deepEqual(readFileSync(input), original, 'the original is never modified');
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(path.join(root, 'questionnaires/customer.answered.xlsx'));
    const sheet = copy.getWorksheet('Security')!;
    assert.equal(sheet.getCell('C3').text, 'Yes');
    assert.match(sheet.getCell('D3').text, /access-control-policy\.md#authentication-and-logical-access/);
    assert.equal(sheet.getCell('B3').text, QUESTIONS[0][1]);

    for (const format of ['csv', 'markdown']) assert.equal(runCli(['questionnaire', 'export', 'customer', '--format', format], { cwd: root }).code, 0);
    assert.match(readFileSync(path.join(root, 'questionnaires/customer.answered.md'), 'utf8'), /\| IAM-1 \|/);

    assert.equal(runCli(['questionnaire', 'check'], { cwd: root }).code, 0);
    const policy = path.join(root, 'policies/access-control-policy.md');
    writeFileSync(policy, readFileSync(policy, 'utf8').replace('SMS is not accepted.', 'SMS is accepted.'));
    const checked = runCli(['questionnaire', 'check'], { cwd: root });
    assert.equal(checked.code, 0, 'a stale answer is a warning');
    assert.match(checked.stdout, /warning answer-stale The answer to IAM-1/);
    writeFileSync(policy, readFileSync(policy, 'utf8').replace('### Authentication and logical access', '### Logging in'));
    const broken = runCli(['questionnaire', 'check', '--format', 'json'], { cwd: root });
    assert.equal(broken.code, 1);
    assert.ok(JSON.parse(broken.stdout).findings.some((f: { code: string }) => f.code === 'answer-citation-broken'));
  });

  it('imports CSV and VSAQ JSON from the development set', () => {
    // customer-mix.csv has a one-word question ("RTO/RPO?"), which is a question, not a section title.
    for (const [file, count] of [['cloud-assessment.csv', 40], ['startup-vendor.csv', 40], ['security-program-vsaq.json', 40], ['customer-mix.csv', 42]] as const) {
      const result = runCli(['questionnaire', 'import', path.resolve(__dirname, '../fixtures/questionnaires', file)], { cwd: root });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`Imported ${count} questions`));
    }
  });

  it('reports a questionnaire that cannot be read as questionnaire-invalid, with its line, in questionnaire check and check', () => {
    const folder = path.join(root, 'questionnaires');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'broken.yaml'), 'name: broken\nquestions:\n  - id: Q1\n    question: [never closed\n    answer: ""\n');
    writeFileSync(path.join(folder, 'shape.yaml'), 'name: shape\nquestions:\n  - question: no id here\n    answer: ""\n');
    const checked = runCli(['questionnaire', 'check'], { cwd: root });
    assert.equal(checked.code, 1, checked.stdout + checked.stderr);
    assert.match(checked.stdout, /questionnaires\/broken\.yaml:5 error questionnaire-invalid This questionnaire cannot be read as written: /);
    assert.match(checked.stdout, /questionnaires\/shape\.yaml:3 error questionnaire-invalid This questionnaire cannot be read as written: question 1 needs an "id" and a "question"\./);
    const whole = runCli(['check', '--format', 'json'], { cwd: root });
    const findings = (JSON.parse(whole.stdout) as { findings: { file: string; code: string }[] }).findings;
    assert.deepEqual(findings.filter((f) => f.code === 'questionnaire-invalid').map((f) => path.basename(f.file)).sort(), ['broken.yaml', 'shape.yaml']);
    const answered = runCli(['questionnaire', 'answer', 'shape'], { cwd: root });
    assert.equal(answered.code, 2, 'answering refuses a file it cannot read whole');
  });

  const bad: [string, (file: string) => Promise<void>, RegExp][] = [
    ['no question column', async (f) => writeFileSync(f, 'a,b\n1,2\n3,4\n5,6\n'), /no question column found/],
    ['formulas', async (f) => writeSheet(f, (s) => (s.getCell('B4').value = { formula: 'CONCAT("Is ","it?")', result: 'Is it?' })), /computed by formulas \(B4\)/],
    ['merged-cell chaos', async (f) => writeSheet(f, (s) => s.mergeCells('B3:B5')), /merged across rows in the question column/],
    ['a 20 MB sheet', async (f) => writeFileSync(f, Buffer.alloc(21 * 1024 * 1024, 0x41)), /over 20 MB are not read/],
    ['password protection', async (f) => writeFileSync(f, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)])), /password-protected/],
  ];
  for (const [what, make, message] of bad) {
    it(`refuses ${what} with one line and exit 2, writing nothing`, async () => {
      const file = path.join(dir, what.includes('column') ? 'bad.csv' : 'bad.xlsx');
      await make(file);
      const result = runCli(['questionnaire', 'import', file], { cwd: root });
      assert.equal(result.code, 2);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1);
      assert.ok(!existsSync(path.join(root, 'questionnaires')) || readdirSync(path.join(root, 'questionnaires')).length === 0);
    });
  }
});
