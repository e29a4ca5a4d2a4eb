// The tags the workflows write, apart from the workflows themselves: importing a name must not
// load a workflow (and, through it, the region table).
export const ABANDONED_CART_TAG = 'abandoned_cart';
export const RECOVERED_CART_TAG = 'recovered_cart';
export const CUSTOMER_TAG = 'customer';
