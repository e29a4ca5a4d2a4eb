import { assertEmail, assertNonEmptyString, invalidInput } from '../input';
import type { AbandonedCart, CartItem } from './cart-types';

const NUMERIC = /^\d+(\.\d+)?$/;

export function assertAmount(value: unknown, field: string): string | number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string' && NUMERIC.test(value.trim())) return value.trim();
  return invalidInput(field, `must be a non-negative number or numeric string, got ${JSON.stringify(value)}`);
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return invalidInput(field, `must be a string, got ${JSON.stringify(value)}`);
  return value.trim() === '' ? undefined : value.trim();
}

function assertRecoveryUrl(value: unknown): string {
  const text = assertNonEmptyString(value, 'cart.recoveryUrl').trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalidInput('cart.recoveryUrl', `must be an absolute http(s) URL, got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return invalidInput('cart.recoveryUrl', `must be an http(s) URL, got ${JSON.stringify(text)}`);
  }
  return text;
}

function assertItem(value: unknown, index: number): CartItem {
  const field = `cart.items[${index}]`;
  if (typeof value !== 'object' || value === null) return invalidInput(field, 'must be an object');
  const raw = value as Record<string, unknown>;
  const quantity = raw.quantity;
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity <= 0) {
    return invalidInput(`${field}.quantity`, `must be a positive number, got ${JSON.stringify(quantity)}`);
  }
  const item: CartItem = { name: assertNonEmptyString(raw.name, `${field}.name`).trim(), quantity };
  const sku = optionalString(raw.sku, `${field}.sku`);
  if (sku !== undefined) item.sku = sku;
  if (raw.total !== undefined && raw.total !== null) item.total = assertAmount(raw.total, `${field}.total`);
  if (raw.productId !== undefined && raw.productId !== null) {
    if (typeof raw.productId !== 'number' || !Number.isSafeInteger(raw.productId) || raw.productId < 1) {
      return invalidInput(`${field}.productId`, `must be a positive integer, got ${JSON.stringify(raw.productId)}`);
    }
    item.productId = raw.productId;
  }
  return item;
}

/** Checks a caller's cart before anything is sent; returns a trimmed copy. Throws MauticInvalidInputError naming the field. */
export function assertCart(cart: unknown): AbandonedCart {
  if (typeof cart !== 'object' || cart === null) return invalidInput('cart', 'must be an object');
  const raw = cart as Record<string, unknown>;
  const email = assertEmail(raw.email, 'cart.email');
  if (!Array.isArray(raw.items)) return invalidInput('cart.items', 'must be an array');
  const items = raw.items.map(assertItem);
  const total = assertAmount(raw.total, 'cart.total');
  const currency = typeof raw.currency === 'string' ? raw.currency.trim() : '';
  if (!/^[A-Za-z]{3}$/.test(currency)) {
    return invalidInput('cart.currency', `must be a three-letter ISO 4217 code, got ${JSON.stringify(raw.currency)}`);
  }
  const result: AbandonedCart = {
    email,
    items,
    total,
    currency: currency.toUpperCase(),
    recoveryUrl: assertRecoveryUrl(raw.recoveryUrl),
  };
  const firstName = optionalString(raw.firstName, 'cart.firstName');
  const lastName = optionalString(raw.lastName, 'cart.lastName');
  const couponCode = optionalString(raw.couponCode, 'cart.couponCode');
  if (firstName !== undefined) result.firstName = firstName;
  if (lastName !== undefined) result.lastName = lastName;
  if (couponCode !== undefined) result.couponCode = couponCode;
  return result;
}

/** The cart as JSON for a Mautic custom field; key order fixed. `couponCode` appears only when the cart has one. */
export function cartDataJson(cart: AbandonedCart): string {
  return JSON.stringify({
    total: String(cart.total),
    currency: cart.currency,
    recoveryUrl: cart.recoveryUrl,
    items: cart.items.map((item) => ({
      name: item.name,
      sku: item.sku ?? null,
      quantity: item.quantity,
      total: item.total === undefined ? null : String(item.total),
    })),
    ...(cart.couponCode === undefined ? {} : { couponCode: cart.couponCode }),
  });
}

export interface CartContactFields {
  email: string;
  firstname?: string;
  lastname?: string;
}

/** Contact fields from a cart; blank names are left out so they never overwrite what Mautic knows. */
export function contactFromCart(cart: AbandonedCart): CartContactFields {
  const fields: CartContactFields = { email: assertEmail(cart.email, 'cart.email') };
  const firstname = cart.firstName?.trim();
  const lastname = cart.lastName?.trim();
  if (firstname) fields.firstname = firstname;
  if (lastname) fields.lastname = lastname;
  return fields;
}
