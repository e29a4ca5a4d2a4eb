import { describe, expect, it } from 'vitest';
import { MauticInvalidInputError } from '../../src/errors';
import { contactFromOrder } from '../../src/woo/order-contact';
import { ORDER_727_CONTACT, order723, order727 } from '../helpers/woo-fixtures';

describe('contactFromOrder', () => {
  it('maps order 727 (US/CA) to Mautic fields with full names', () => {
    expect(contactFromOrder(order727())).toEqual({
      fields: ORDER_727_CONTACT,
      unconverted: [],
    });
  });

  it('maps order 723 (BR/RJ) with accents kept in names', () => {
    const { fields, unconverted } = contactFromOrder(order723());
    expect(fields).toMatchObject({
      email: 'joao.silva@example.com',
      firstname: 'João',
      lastname: 'Silva',
      address1: 'Av. Brasil, 432',
      city: 'Rio de Janeiro',
      zipcode: '12345-000',
      state: 'Rio de Janeiro',
      country: 'Brazil',
    });
    expect(unconverted).toEqual([]);
  });

  it('never sends blank fields', () => {
    const { fields } = contactFromOrder(order727());
    expect(Object.keys(fields)).not.toContain('company');
    expect(Object.keys(fields)).not.toContain('address2');
    expect(Object.values(fields).every((value) => value !== '')).toBe(true);
  });

  it('refuses an order without a billing email and names the order', () => {
    const order = order727();
    delete order.billing?.email;
    expect(() => contactFromOrder(order)).toThrow(MauticInvalidInputError);
    expect(() => contactFromOrder(order)).toThrow(/order 727 has no billing email/);
  });

  it('refuses a blank billing email and an order without billing', () => {
    const blank = order727();
    if (blank.billing) blank.billing.email = '   ';
    const error = (() => {
      try {
        contactFromOrder(blank);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MauticInvalidInputError);
    expect((error as MauticInvalidInputError).field).toBe('billing.email');

    const none = order727();
    delete none.billing;
    expect(() => contactFromOrder(none)).toThrow(/billing email/);
  });

  it('refuses an invalid billing email, naming the order', () => {
    const order = order727();
    if (order.billing) order.billing.email = 'not-an-email';
    expect(() => contactFromOrder(order)).toThrow(/order 727: billing.email is not a valid email/);
  });

  it('leaves out a state Mautic has no name for and reports it', () => {
    const order = order727();
    if (order.billing) order.billing.state = 'ZZ';
    const { fields, unconverted } = contactFromOrder(order);
    expect(fields.state).toBeUndefined();
    expect(fields.country).toBe('United States');
    expect(unconverted).toEqual([{ field: 'state', value: 'ZZ' }]);
  });

  it('leaves out an unknown country and the state that depends on it', () => {
    const order = order727();
    if (order.billing) order.billing.country = 'XX';
    const { fields, unconverted } = contactFromOrder(order);
    expect(fields.country).toBeUndefined();
    expect(fields.state).toBeUndefined();
    expect(unconverted).toEqual([
      { field: 'country', value: 'XX' },
      { field: 'state', value: 'CA' },
    ]);
  });

  it('reports a state given without a country', () => {
    const order = order727();
    if (order.billing) order.billing.country = '';
    const { fields, unconverted } = contactFromOrder(order);
    expect(fields.country).toBeUndefined();
    expect(unconverted).toEqual([{ field: 'state', value: 'CA' }]);
  });
});
