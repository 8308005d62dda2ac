/** Types for featureBoundaries.js (plain JavaScript so that eslint.config.js can import it). */
export declare const featureDependencies: Record<string, string[]>;
export declare function featureBoundaryZones(): { target: string; from: string; except?: string[]; message: string }[];
