/** The tool's name and version; the version is package.json's, put in by esbuild at build time. */
declare const NAPCAT_MILKY_VERSION: string;

export const TOOL = 'napcat-milky';
export const VERSION: string = NAPCAT_MILKY_VERSION;
