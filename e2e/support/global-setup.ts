import { startSmtpCatcher } from './smtp-catcher';

export default async function globalSetup() {
  const stop = await startSmtpCatcher();
  return stop;
}
