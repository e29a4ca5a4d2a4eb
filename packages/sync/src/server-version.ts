/**
 * What differs between the Mautic versions this package talks to, read from `Mautic-Version`
 * (see packages/spec/README.md, "Mautic versions"). An unknown version is taken as 5.x, the most
 * installed and the strictest.
 */
function major(version: string | null): number {
  const parsed = Number.parseInt(version ?? '', 10);
  return Number.isFinite(parsed) ? parsed : 5;
}

/**
 * Mautic ≤ 5.x unsets every numeric value equal to 0 on POST and PATCH, `overwriteWithBlank` or not
 * (`CustomFieldsApiControllerTrait::setCustomFieldValues`: `0 !== (int) $value`); 6.0 keeps them.
 */
export function dropsZeroValues(version: string | null): boolean {
  return major(version) <= 5;
}

/** The fields of a contact write that Mautic ≤ 5.x will not save: numeric values equal to 0. */
export function zeroValuedFields(body: Record<string, unknown>): string[] {
  return Object.entries(body)
    .filter(([alias, value]) => {
      if (alias === 'email' || alias === 'tags' || typeof value === 'boolean') return false;
      const numeric =
        typeof value === 'number' ||
        (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));
      return numeric && Math.trunc(Number(value)) === 0;
    })
    .map(([alias]) => alias);
}
