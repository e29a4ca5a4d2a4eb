import { describe, expect, it } from 'vitest';
import { MauticInvalidInputError } from '../../src/errors';
import { assertCart, cartDataJson, contactFromCart } from '../../src/woo/cart-data';

const cart = () => ({
  email: ' ana@example.com ',
  firstName: 'Ana',
  lastName: '',
  items: [
    { name: 'Woo Ninja', sku: 'ninja-1', quantity: 2, total: '40.00', productId: 34 },
    { name: 'Woo Album #2', quantity: 1 },
  ],
  total: '40.00',
  currency: 'eur',
  recoveryUrl: 'https://shop.example.com/cart?recover=abc',
});

function fieldOf(input: unknown): string | undefined {
  try {
    assertCart(input);
  } catch (error) {
    expect(error).toBeInstanceOf(MauticInvalidInputError);
    return (error as MauticInvalidInputError).field;
  }
  return undefined;
}

describe('assertCart', () => {
  it('returns a trimmed, normalised copy', () => {
    const checked = assertCart(cart());
    expect(checked.email).toBe('ana@example.com');
    expect(checked.currency).toBe('EUR');
    expect(checked).not.toHaveProperty('lastName');
    expect(checked.items[1]).toEqual({ name: 'Woo Album #2', quantity: 1 });
  });

  it('accepts a numeric total', () => {
    expect(assertCart({ ...cart(), total: 12.5 }).total).toBe(12.5);
  });

  it('names each bad field', () => {
    expect(fieldOf(null)).toBe('cart');
    expect(fieldOf({ ...cart(), email: undefined })).toBe('cart.email');
    expect(fieldOf({ ...cart(), email: 'nope' })).toBe('cart.email');
    expect(fieldOf({ ...cart(), items: 'x' })).toBe('cart.items');
    expect(fieldOf({ ...cart(), items: [{ quantity: 1 }] })).toBe('cart.items[0].name');
    expect(fieldOf({ ...cart(), items: [{ name: 'a', quantity: 0 }] })).toBe('cart.items[0].quantity');
    expect(fieldOf({ ...cart(), items: [{ name: 'a', quantity: 1, total: 'ten' }] })).toBe('cart.items[0].total');
    expect(fieldOf({ ...cart(), total: 'abc' })).toBe('cart.total');
    expect(fieldOf({ ...cart(), total: Number.NaN })).toBe('cart.total');
    expect(fieldOf({ ...cart(), total: Number.POSITIVE_INFINITY })).toBe('cart.total');
    expect(fieldOf({ ...cart(), currency: 'EURO' })).toBe('cart.currency');
    expect(fieldOf({ ...cart(), currency: undefined })).toBe('cart.currency');
    expect(fieldOf({ ...cart(), recoveryUrl: '/cart?recover=abc' })).toBe('cart.recoveryUrl');
    expect(fieldOf({ ...cart(), recoveryUrl: 'javascript:alert(1)' })).toBe('cart.recoveryUrl');
    expect(fieldOf({ ...cart(), recoveryUrl: '' })).toBe('cart.recoveryUrl');
    expect(fieldOf({ ...cart(), firstName: 42 })).toBe('cart.firstName');
  });
});

describe('cartDataJson', () => {
  it('writes total, currency, link and items in a fixed order', () => {
    expect(cartDataJson(assertCart(cart()))).toBe(
      '{"total":"40.00","currency":"EUR","recoveryUrl":"https://shop.example.com/cart?recover=abc","items":[' +
        '{"name":"Woo Ninja","sku":"ninja-1","quantity":2,"total":"40.00"},' +
        '{"name":"Woo Album #2","sku":null,"quantity":1,"total":null}]}',
    );
  });

  it('adds the coupon code when there is one', () => {
    expect(JSON.parse(cartDataJson(assertCart({ ...cart(), couponCode: 'COMEBACK10' })))).toMatchObject({
      couponCode: 'COMEBACK10',
    });
  });
});

describe('contactFromCart', () => {
  it('gives email and names, leaving blanks out', () => {
    expect(contactFromCart(assertCart(cart()))).toEqual({ email: 'ana@example.com', firstname: 'Ana' });
  });
});
