import { MauticInvalidInputError } from '../errors';
import { assertEmail } from '../input';
import { mauticCountryName, mauticRegionName } from './geo';
import type { WooOrder } from './order-types';

/** Mautic contact fields taken from an order's billing address, keyed by Mautic's core field aliases. */
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

/** The billing address of an order as Mautic contact fields. Throws MauticInvalidInputError without a billing email. */
export function contactFromOrder(order: WooOrder): OrderContact {
  const billing = order.billing ?? {};
  const raw = billing.email;
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new MauticInvalidInputError(
      `WooCommerce order ${String(order.id)} has no billing email, so it cannot be matched to a Mautic contact`,
      'billing.email',
    );
  }
  let email: string;
  try {
    email = assertEmail(raw, 'billing.email');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new MauticInvalidInputError(`WooCommerce order ${String(order.id)}: ${reason}`, 'billing.email');
  }
  const fields: OrderContactFields = { email };
  const unconverted: UnconvertedGeo[] = [];

  // A blank value would overwrite what Mautic already knows about the contact with nothing.
  const text: Array<[Exclude<keyof OrderContactFields, 'email' | 'state' | 'country'>, string | undefined]> = [
    ['firstname', billing.first_name],
    ['lastname', billing.last_name],
    ['phone', billing.phone],
    ['address1', billing.address_1],
    ['address2', billing.address_2],
    ['city', billing.city],
    ['zipcode', billing.postcode],
    ['company', billing.company],
  ];
  for (const [field, value] of text) {
    const trimmed = typeof value === 'string' ? value.trim() : '';
    if (trimmed !== '') fields[field] = trimmed;
  }

  const countryCode = typeof billing.country === 'string' ? billing.country.trim() : '';
  const stateCode = typeof billing.state === 'string' ? billing.state.trim() : '';
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
