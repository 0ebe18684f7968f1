import type { WorkspaceRule } from './rule';
import type { VendorFacts } from '../vendors/vendorFacts';
import { VENDOR_KIND } from '../vendors/vendorKind';
import { namesVendor } from '../vendors/carveOuts';
import { moveCarveOutFix } from '../fixes/moveCarveOut';

const CARVE_OUT_WORDS = /\bcarve[sd]?[\s-]*out\b|\bsubservice\b/i;

export const carveOutAsExclusion: WorkspaceRule = {
  kind: 'workspace',
  code: 'carve-out-as-exclusion',
  defaultSeverity: 'warning',
  summary: 'A scope exclusion whose reason is a carve-out to a vendor: carved-out criteria stay in scope. Reported on soc2-policy.yaml.',
  check(ctx) {
    const file = ctx.config.file;
    if (!file) return;
    const carveOutVendors = [...ctx.facts<VendorFacts>(VENDOR_KIND).values()].filter((v) => v.method?.value === 'carve-out');
    for (const exclusion of ctx.config.scope.exclusions) {
      const vendor = carveOutVendors.find((v) => namesVendor(exclusion.reason, v));
      if (!vendor && !CARVE_OUT_WORDS.test(exclusion.reason)) continue;
      exclusion.criteria.forEach((id, index) => {
        const label = vendor?.file.split('/').slice(-2).join('/');
        const where = vendor ? `in ${label}` : 'in the vendor file (vendors/<id>.md, method: carve-out)';
        const fix = vendor && moveCarveOutFix(ctx.config.scope, file, exclusion, index, vendor, label!);
        ctx.report(file, {
          span: exclusion.spans[index],
          subject: id,
          message:
            `${id} is excluded because it is carved out, but a carved-out criterion still applies: the vendor's controls are complementary (CSOCs) and our monitoring of the vendor is tested. ` +
            `Remove the exclusion and list ${id} under csocs ${where}. Exclude only criteria that do not apply to the system at all.`,
          fixes: fix ? [fix] : undefined,
        });
      });
    }
  },
};
