/**
 * The region a meter bills in: the user's, else the sheet's default. The region was checked against
 * the sheet when the run was set up (regions.ts), so a missing one here is a bug, not bad input.
 */
export function billedRegion<R>(
  sheet: { regions: Record<string, R>; defaultRegion: string },
  region: string | null,
  sheetName: string,
): { regionId: string; region: R } {
  const regionId = region ?? sheet.defaultRegion;
  const r = sheet.regions[regionId];
  if (r === undefined) throw new Error(`region ${regionId} is not in the ${sheetName} price sheet`);
  return { regionId, region: r };
}
