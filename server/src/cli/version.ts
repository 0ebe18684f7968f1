// esbuild inlines just this field of package.json, so the version has one source.
import { version } from '../../../package.json';

export const VERSION: string = version;
