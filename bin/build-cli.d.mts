/** The built command line's folder (build/cli/). */
export declare const OUT_DIR: string;
/** Bundles src/cli into build/cli/, one chunk per command. */
export declare function buildCli(): Promise<void>;
