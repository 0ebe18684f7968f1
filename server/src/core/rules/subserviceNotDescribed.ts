import picomatch from 'picomatch';
import type { WorkspaceRule } from './rule';
import type { VendorFacts } from '../vendors/vendorFacts';
import { VENDOR_KIND } from '../vendors/vendorKind';
import { namesVendor } from '../vendors/carveOuts';
import type { PolicyDocument } from '../parse/policyDocument';
import { relativePath } from '../paths';
import { isSystemDescription } from './systemDescription';

export const subserviceNotDescribed: WorkspaceRule = {
  kind: 'workspace',
  code: 'subservice-not-described',
  defaultSeverity: 'warning',
  summary: 'A subservice organization (a vendor with a method) is named neither in the vendor policy nor in the system description.',
  check(ctx) {
    const vendors = [...ctx.facts<VendorFacts>(VENDOR_KIND).values()].filter((v) => v.method);
    if (!vendors.length) return;
    const describing = describingDocuments(ctx.documents, ctx.config.vendors.describedIn, ctx.config.root, ctx.catalogs.criterionOf.bind(ctx.catalogs));
    for (const vendor of vendors) {
      if (describing.some((doc) => namesVendor(doc.text, vendor))) continue;
      ctx.report(vendor.file, {
        span: vendor.method!.span,
        subject: vendor.id,
        message: describing.length
          ? `${vendor.name} is a subservice organization (${vendor.method!.value}) but neither the vendor policy nor the system description names it (${describing.map((d) => d.id).join(', ')}). The report's system description must say what it does for us.`
          : `${vendor.name} is a subservice organization (${vendor.method!.value}) but there is no vendor policy (mapping CC9.2) or system description to name it in.`,
      });
    }
  },
};

/** The configured documents, or else the vendor policy (maps CC9.2) and the system description (narratives). */
function describingDocuments(documents: readonly PolicyDocument[], globs: readonly string[], root: string, criterionOf: (raw: string, catalog: string) => { id: string } | undefined): PolicyDocument[] {
  const live = documents.filter((d) => d.status !== 'retired');
  if (globs.length) {
    const matches = picomatch([...globs]);
    return live.filter((d) => matches(relativePath(root, d.file)));
  }
  return live.filter(
    (d) => isSystemDescription(d) || d.mappings.some((l) => l.catalogId === 'tsc' && l.items.some((i) => criterionOf(i.raw, 'tsc')?.id === 'CC9.2')),
  );
}
