// Which feature may import from which (web/src/features/<name>). Everything else goes through
// web/src/shared. ESLint enforces it (eslint.config.js, import/no-restricted-paths) and
// src/featureBoundaries.test.ts checks that the graph has no cycle.

/** @type {Record<string, string[]>} feature -> features it may import from */
export const featureDependencies = {
  admin: ["auth", "billing", "patient", "scheduling"],
  analytics: ["patient"],
  auth: [],
  billing: [],
  calls: ["chat", "clinical", "doctor", "prescriptions", "record"],
  chat: ["patient"],
  clinical: ["feedback", "patient", "prescriptions"],
  clinics: [],
  consultations: ["feedback", "patient"],
  doctor: ["patient", "signing"],
  feedback: [],
  frontdesk: ["billing", "doctor", "frontoffice", "patient", "scheduling"],
  frontoffice: ["patient"],
  labs: [],
  layout: ["notifications"],
  notifications: [],
  patient: ["auth", "billing", "feedback"],
  pharmacist: [],
  pharmacy: [],
  prescriptions: [],
  privacy: [],
  record: ["patient"],
  refills: [],
  scheduling: ["billing", "consultations", "doctor", "patient", "record"],
  signing: [],
  verification: [],
};

/** Zones for import/no-restricted-paths: a feature may import only itself and its declared dependencies; shared/ no feature. */
export function featureBoundaryZones() {
  const zones = Object.entries(featureDependencies).map(([feature, allowed]) => ({
    target: `./src/features/${feature}`,
    from: "./src/features",
    except: [`./${feature}`, ...allowed.map((d) => `./${d}`)],
    message: `features/${feature} may import only from shared/ and features ${allowed.join(", ") || "(none)"}; declare a new dependency in featureBoundaries.js or move the piece to shared/.`,
  }));
  zones.push({ target: "./src/shared", from: "./src/features", message: "shared/ must not depend on a feature." });
  return zones;
}
