// The folders the end-to-end suite runs against, one fresh code-server each (see run-in-code-server.mjs).
// The suite reads process.env.SOC2_E2E_SCENARIO and runs only the tests tagged for it (suite/client.e2e.ts).
import fs from 'node:fs';
import path from 'node:path';

/** { name, folder, restricted } per scenario, folders prepared under tmpRoot; SOC2_E2E_SCENARIOS picks some. */
export function scenarios({ workspace, extPath, tmpRoot }) {
  const all = [
    // The example workspace, trusted: every feature on real policies.
    { name: 'acme-saas', prepare: () => workspace },
    // What a new user opens first: an empty folder (the suite adds an unrelated README, then initializes it).
    { name: 'new-user', prepare: (dir) => dir },
    // A policy workspace with a custom catalog, untrusted: Restricted Mode.
    { name: 'restricted', restricted: true, prepare: (dir) => { fs.cpSync(path.join(extPath, 'test/e2e/fixtures/restricted'), dir, { recursive: true }); return dir; } },
    // The Type II example, copied: the suite records evidence, and the example's hand count must not change.
    { name: 'acme-type2', prepare: (dir) => { fs.cpSync(path.join(extPath, 'examples/acme-type2'), dir, { recursive: true }); return dir; } },
  ];
  const wanted = process.env.SOC2_E2E_SCENARIOS?.split(',').map((s) => s.trim()).filter(Boolean);
  return all.filter((s) => !wanted?.length || wanted.includes(s.name)).map(({ name, restricted = false, prepare }) => {
    const dir = path.join(tmpRoot, name, 'my-project');
    fs.mkdirSync(dir, { recursive: true });
    return { name, restricted, folder: prepare(dir) };
  });
}
