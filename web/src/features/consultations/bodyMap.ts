import type { BodyView } from "../../shared/api/consultations";

/**
 * Geometry of the body map (figure drawn on 0..200 × 0..420, centre line x = 100) and the catalogue of the contract
 * (docs/api-consultations.md). The front view faces the viewer, so the patient's left side is drawn
 * on the right; the back view is seen from behind, so the patient's left side is on the left.
 */

export const VIEWBOX = "22 0 156 420";

export interface RegionShape {
  code: string;
  view: BodyView;
  d: string;
}

/** Mirrors a path made of absolute M/L/Q/C/Z commands around the figure's centre line (x = 100). */
export function mirror(d: string): string {
  let axis = 0;
  return d.replace(/[A-Za-z]|-?\d+(?:\.\d+)?/g, (token) => {
    if (/[A-Za-z]/.test(token)) {
      axis = 0;
      return token;
    }
    const value = Number(token);
    const result = axis === 0 ? String(200 - value) : token;
    axis = 1 - axis;
    return result;
  });
}

// Shapes of the patient's right side as seen from the front (drawn at x < 100).
const RIGHT_SHOULDER = "M88 77 Q64 78 56 94 Q54 102 56 110 L74 110 L76 88 Z";
const RIGHT_ARM = "M56 112 L73 112 L68 160 L62 226 L48 224 L50 160 Z";
const RIGHT_HAND = "M47 228 L63 230 Q66 248 59 261 Q48 263 44 252 Q41 238 47 228 Z";
const RIGHT_THIGH = "M70 233 L99 250 L97 320 L74 320 Q67 280 70 233 Z";
const RIGHT_KNEE = "M74 322 L97 322 Q98 334 96 346 L76 346 Q73 334 74 322 Z";
const RIGHT_LOWER_LEG = "M76 348 L96 348 L93 396 L80 396 Q73 370 76 348 Z";
const RIGHT_FOOT = "M79 398 L94 398 L96 413 Q88 419 69 416 Q68 406 79 398 Z";
const NECK = "M90 60 Q100 65 110 60 L112 76 L88 76 Z";
const HEAD_TOP = "M78 34 A22 27 0 0 1 122 34 Z";
const FACE = "M78 34 A22 27 0 0 0 122 34 Z";
const WHOLE_HEAD = "M78 34 A22 27 0 0 1 122 34 A22 27 0 0 1 78 34 Z";
// From behind: the patient's left side is on the viewer's left, the same place as the right side from the front.
const BACK_THIGH = "M70 248 Q84 256 99 250 L97 320 L74 320 Q67 290 70 248 Z";
const CALF = "M76 348 L96 348 L93 396 L80 396 Q72 370 76 348 Z";
const HEEL = "M79 398 L94 398 L95 414 Q87 419 78 414 Z";

export const REGION_SHAPES: readonly RegionShape[] = [
  // front, top to bottom so the tab order follows the body
  { code: "head", view: "front", d: HEAD_TOP },
  { code: "face", view: "front", d: FACE },
  { code: "neck", view: "front", d: NECK },
  { code: "right-shoulder", view: "front", d: RIGHT_SHOULDER },
  { code: "chest", view: "front", d: "M88 77 L112 77 L124 88 L126 110 L127 142 L73 142 L74 110 L76 88 Z" },
  { code: "left-shoulder", view: "front", d: mirror(RIGHT_SHOULDER) },
  { code: "right-arm", view: "front", d: RIGHT_ARM },
  { code: "upper-abdomen", view: "front", d: "M73 144 L127 144 L126 176 L74 176 Z" },
  { code: "left-arm", view: "front", d: mirror(RIGHT_ARM) },
  { code: "lower-abdomen", view: "front", d: "M74 178 L126 178 Q128 192 129 206 L71 206 Q72 192 74 178 Z" },
  { code: "pelvis", view: "front", d: "M71 208 L129 208 Q131 220 130 231 L100 248 L70 231 Q69 220 71 208 Z" },
  { code: "right-hand", view: "front", d: RIGHT_HAND },
  { code: "left-hand", view: "front", d: mirror(RIGHT_HAND) },
  { code: "right-thigh", view: "front", d: RIGHT_THIGH },
  { code: "left-thigh", view: "front", d: mirror(RIGHT_THIGH) },
  { code: "right-knee", view: "front", d: RIGHT_KNEE },
  { code: "left-knee", view: "front", d: mirror(RIGHT_KNEE) },
  { code: "right-lower-leg", view: "front", d: RIGHT_LOWER_LEG },
  { code: "left-lower-leg", view: "front", d: mirror(RIGHT_LOWER_LEG) },
  { code: "right-foot", view: "front", d: RIGHT_FOOT },
  { code: "left-foot", view: "front", d: mirror(RIGHT_FOOT) },
  // back
  { code: "back-of-head", view: "back", d: WHOLE_HEAD },
  {
    code: "upper-back",
    view: "back",
    d: "M88 77 L112 77 Q136 78 144 94 Q146 102 144 110 L126 110 L127 150 L73 150 L74 110 L56 110 Q54 102 56 94 Q64 78 88 77 Z",
  },
  { code: "lower-back", view: "back", d: "M73 152 L127 152 L126 176 Q128 192 129 206 L71 206 Q72 192 74 176 Z" },
  { code: "buttocks", view: "back", d: "M71 208 L129 208 Q132 226 130 245 Q115 254 101 247 L100 236 L99 247 Q85 254 70 245 Q68 226 71 208 Z" },
  { code: "left-back-thigh", view: "back", d: BACK_THIGH },
  { code: "right-back-thigh", view: "back", d: mirror(BACK_THIGH) },
  { code: "left-calf", view: "back", d: CALF },
  { code: "right-calf", view: "back", d: mirror(CALF) },
];

/** Parts drawn for context only (not in the contract's region list for that view). */
export const DECORATIVE_SHAPES: Record<BodyView, readonly string[]> = {
  front: [],
  back: [
    NECK,
    RIGHT_ARM,
    mirror(RIGHT_ARM),
    RIGHT_HAND,
    mirror(RIGHT_HAND),
    RIGHT_KNEE,
    mirror(RIGHT_KNEE),
    HEEL,
    mirror(HEEL),
  ],
};

export const FRONT_REGIONS = REGION_SHAPES.filter((r) => r.view === "front").map((r) => r.code);
export const BACK_REGIONS = REGION_SHAPES.filter((r) => r.view === "back").map((r) => r.code);

/** Display order of selected regions (top to bottom, front before back). */
export const REGION_ORDER: readonly string[] = [
  "head",
  "back-of-head",
  "face",
  "neck",
  "left-shoulder",
  "right-shoulder",
  "chest",
  "upper-back",
  "left-arm",
  "right-arm",
  "left-hand",
  "right-hand",
  "upper-abdomen",
  "lower-abdomen",
  "lower-back",
  "pelvis",
  "buttocks",
  "left-thigh",
  "right-thigh",
  "left-back-thigh",
  "right-back-thigh",
  "left-knee",
  "right-knee",
  "left-lower-leg",
  "right-lower-leg",
  "left-calf",
  "right-calf",
  "left-foot",
  "right-foot",
];

export const SYMPTOM_CODES: readonly string[] = [
  "shortnessOfBreath",
  "faceDrooping",
  "armWeakness",
  "speechDifficulty",
  "heavyBleeding",
  "fainting",
  "confusion",
  "suddenSevereHeadache",
  "fever",
  "cough",
  "nausea",
  "vomiting",
  "dizziness",
  "rash",
  "palpitations",
  "sweating",
  "soreThroat",
  "diarrhoea",
  "visionChanges",
  "numbness",
];

export function viewOfRegion(code: string): BodyView {
  return REGION_SHAPES.find((r) => r.code === code)?.view ?? "front";
}

export function sortRegions(codes: readonly string[]): string[] {
  const rank = (c: string) => {
    const i = REGION_ORDER.indexOf(c);
    return i < 0 ? REGION_ORDER.length : i;
  };
  return [...codes].sort((a, b) => rank(a) - rank(b));
}
