// A venue's software checks, then redeems a cheque with the generated client (README,
// "Third-party integration"). Run with Node >= 22.18 (it strips the types):
//   CLIENT_ID=… CLIENT_SECRET=… VENUE_ID=… CHEQUE=… CODE=… node examples/third-party-redeem.ts
import { randomUUID } from 'node:crypto';
import { createCarnetClient, type Schemas } from '@carnet/api-client';

const { CARNET_URL = 'http://localhost:3000', CLIENT_ID = '', CLIENT_SECRET = '' } = process.env;
const { VENUE_ID = '', CHEQUE = '', CODE = '' } = process.env;
const auth = await createCarnetClient({ baseUrl: CARNET_URL }).POST('/api/v1/auth/token', {
  body: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, // a token for 15 min (expiresIn)
});
const carnet = createCarnetClient({
  baseUrl: CARNET_URL,
  getAccessToken: () => auth.data?.accessToken,
});

const check = await carnet.GET('/api/v1/cheques/{number}', {
  params: { path: { number: CHEQUE }, header: { 'x-security-code': CODE } },
});
if (!check.data?.payableHere) {
  throw new Error(check.error?.detail ?? `Not payable here: ${check.data?.reason}`);
}

const key = randomUUID(); // one key per redemption, kept across retries: never paid twice
const body: Schemas['CreateRedemptionDto'] = {
  venueId: VENUE_ID,
  cheques: [{ number: CHEQUE, securityCode: CODE }],
  service: 'Aide aux démarches administratives',
  serviceDate: new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }), // YYYY-MM-DD
  durationMinutes: 60,
};
for (let attempt = 1; ; attempt++) {
  const answer = await carnet
    .POST('/api/v1/redemptions', { params: { header: { 'Idempotency-Key': key } }, body })
    .catch(() => null); // a network error: the outcome is unknown, so ask again with the same key
  const busy = answer?.error?.code === 'IDEMPOTENCY_KEY_IN_USE' || answer?.response.status === 429;
  if (answer === null || answer.response.status >= 500 || busy) {
    if (attempt === 5) throw new Error(`Carnet unreachable: retry later with the key ${key}`);
    await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    continue;
  }
  if (answer.error) throw new Error(`${answer.error.code}: ${answer.error.detail}`); // a refusal
  const replayed =
    answer.response.headers.get('Idempotent-Replayed') === 'true' ? ' (replayed)' : '';
  console.log(`Redeemed ${answer.data.amountCents / 100} € as ${answer.data.id}${replayed}`);
  break;
}
