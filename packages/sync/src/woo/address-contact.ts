import { MauticInvalidInputError } from '../errors';
import { assertEmail } from '../input';
import { mauticCountryName, mauticRegionName } from './geo';
import type { WooAddress } from './order-types';

/** Mautic contact fields taken from a WooCommerce billing address, keyed by Mautic's core field aliases. */
export interface OrderContactFields {
  email: string;
  firstname?: string;
  lastname?: string;
  phone?: string;
  address1?: string;
  address2?: string;
  city?: string;
  zipcode?: string;
  company?: string;
  /** Mautic's region name (`California`), never the WooCommerce code. */
  state?: string;
  /** Mautic's country name (`United States`), never the ISO code. */
  country?: string;
}

export interface UnconvertedGeo {
  field: 'state' | 'country';
  value: string;
}

export interface OrderContact {
  fields: OrderContactFields;
  /** Codes left out because Mautic has no name for them; sending them would make Mautic refuse the whole contact. */
  unconverted: UnconvertedGeo[];
}

/**
 * The email a WooCommerce object is matched to a contact by; `what` names the object in the error
 * (`WooCommerce order 727`), never the address itself.
 */
export function wooEmail(raw: unknown, field: string, what: string): string {
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new MauticInvalidInputError(
      `${what} has no ${field.replace('.', ' ')}, so it cannot be matched to a Mautic contact`,
      field,
    );
  }
  try {
    return assertEmail(raw, field);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MauticInvalidInputError(`${what}: ${reason}`, field);
  }
}

/**
 * A billing address as Mautic contact fields: blanks left out (they would overwrite what Mautic
 * knows with nothing), country and state codes converted to Mautic's names or reported as
 * unconverted. The one mapping for orders and customers alike.
 */
export function contactFromAddress(email: string, address: WooAddress): OrderContact {
  const fields: OrderContactFields = { email };
  const unconverted: UnconvertedGeo[] = [];
  const text: Array<[Exclude<keyof OrderContactFields, 'email' | 'state' | 'country'>, string | undefined]> = [
    ['firstname', address.first_name],
    ['lastname', address.last_name],
    ['phone', address.phone],
    ['address1', address.address_1],
    ['address2', address.address_2],
    ['city', address.city],
    ['zipcode', address.postcode],
    ['company', address.company],
  ];
  for (const [field, value] of text) {
    const trimmed = typeof value === 'string' ? value.trim() : '';
    if (trimmed !== '') fields[field] = trimmed;
  }

  const countryCode = typeof address.country === 'string' ? address.country.trim() : '';
  const stateCode = typeof address.state === 'string' ? address.state.trim() : '';
  if (countryCode !== '') {
    const country = mauticCountryName(countryCode);
    if (country === undefined) unconverted.push({ field: 'country', value: countryCode });
    else fields.country = country;
  }
  if (stateCode !== '') {
    const state = countryCode === '' ? undefined : mauticRegionName(countryCode, stateCode);
    if (state === undefined) unconverted.push({ field: 'state', value: stateCode });
    else fields.state = state;
  }
  return { fields, unconverted };
}
