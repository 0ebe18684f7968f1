import Ajv2020 from 'ajv/dist/2020';
import schema from '../schemas/sarif-2.1.0.json';

/**
 * Validates SARIF against the official SARIF 2.1.0 JSON schema, vendored unchanged in test/schemas/ from the
 * sarif-2.1.0.json that Microsoft's SARIF SDK ships (npm @microsoft/sarif-multitool-linux 5.7.0, MIT).
 * The schema declares JSON Schema 2020-12. Its string formats are checked here rather than through another
 * dependency: loose but real checks, so a path with a space that is not percent-encoded still fails.
 */
export function sarifValidator(): (log: unknown) => string[] {
  // strictRequired off: the schema lists `required` inside anyOf branches that name no properties (valid JSON Schema).
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  ajv.addFormat('uri', /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/);
  ajv.addFormat('uri-reference', /^[^\s<>"{}|\\^`]*$/);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i);
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  const validate = ajv.compile(schema);
  return (log) => (validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}
