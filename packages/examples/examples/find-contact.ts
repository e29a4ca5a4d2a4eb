import type { MauticClient } from '@mautic-woo/sync';
import { clientFromEnv, runIfMain } from './mautic-env';

/** Exact match on email (never a prefix or substring search); null when nobody has it. */
export async function main(client: MauticClient = clientFromEnv(), email = process.argv[2] ?? 'jane.doe@example.com') {
  const contact = await client.contacts.findByEmail(email);
  if (contact) {
    const { firstname, lastname } = contact.fields.all;
    console.log(`${email} is contact ${contact.id} (${[firstname, lastname].filter(Boolean).join(' ') || 'no name'})`);
  } else {
    console.log(`No contact has the email ${email}`);
  }
  return contact;
}

runIfMain(import.meta.url, main);
