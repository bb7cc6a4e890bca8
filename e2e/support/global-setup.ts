import { startStripeStandIn } from '../../tests/helpers/stripe-stand-in';
import { startSmtpCatcher } from './smtp-catcher';

export const STRIPE_PORT = Number(process.env.E2E_STRIPE_PORT || 12111);

export default async function globalSetup() {
  const stopMail = await startSmtpCatcher();
  const stripe = await startStripeStandIn(STRIPE_PORT);
  return async () => {
    await stripe.close();
    await stopMail();
  };
}
