import { sepaEndToEndId, sepaMessageId } from '@carnet/domain';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  type SepaCreditTransferHeader,
  type SepaCreditTransferPayment,
  SepaFileError,
  type SepaFormat,
  sepaCreditTransferXml,
  writeSepaCreditTransfer,
} from './sepa-credit-transfer.js';

/** The schemas sit beside the project, in ../shared/xsd (ENVIRONMENT.md), as CI lays it out. */
const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const XSD_DIR = join(REPO_ROOT, '..', 'shared', 'xsd');
const SCHEMAS: Record<SepaFormat, string[]> = {
  'pain.001.001.09': ['pain.001.001.09.epc-sct-2023.xsd', 'pain.001.001.09.xsd'],
  'pain.001.001.03': ['pain.001.001.03.xsd'],
};

const run = promisify(execFile);

/** xmllint's verdict on `file` against `schema`; fails the test with xmllint's own words. */
async function validate(file: string, schema: string): Promise<void> {
  const xsd = join(XSD_DIR, schema);
  if (!existsSync(xsd)) throw new Error(`Schema missing: ${xsd} (see ENVIRONMENT.md, XML)`);
  try {
    const { stderr } = await run('xmllint', ['--noout', '--schema', xsd, file], {
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stderr).toContain('validates');
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: string | number };
    if (code === 'ENOENT') {
      throw new Error('xmllint is missing: apt-get install libxml2-utils', { cause: error });
    }
    throw new Error(`${schema} refuses ${file}:\n${stderr?.slice(0, 4000) ?? String(error)}`, {
      cause: error,
    });
  }
}

const BATCH_ID = '3f2a9c1e-5b7d-4e2f-9a1b-0c3d5e7f9a1b';
const VENUES = [
  'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
  'c3d4e5f6-a7b8-4c9d-8e1f-2a3b4c5d6e7f',
];

const PAYMENTS: SepaCreditTransferPayment[] = [
  {
    endToEndId: sepaEndToEndId(BATCH_ID, VENUES[0]),
    creditorName: 'Espace public numérique de Liévin',
    iban: 'FR76 3000 6000 0112 3456 7890 189',
    bic: 'agrifrpp836',
    amountCents: 123_456,
    remittance: 'Pass numérique — Lens-Liévin — 2026-11 — 12 chèques',
  },
  {
    endToEndId: sepaEndToEndId(BATCH_ID, VENUES[1]),
    creditorName: 'Association « Avion Connecté » & Cœur d’Artois',
    iban: 'FR1420041010050500013M02606',
    bic: null,
    amountCents: 1,
    remittance: '',
  },
  {
    endToEndId: sepaEndToEndId(BATCH_ID, VENUES[2]),
    creditorName: 'Médiathèque Louis Aragon',
    iban: 'DE89370400440532013000',
    amountCents: 1000,
    remittance: `Pass numérique — ${'é'.repeat(300)}`,
  },
];

function header(overrides: Partial<SepaCreditTransferHeader> = {}): SepaCreditTransferHeader {
  return {
    format: 'pain.001.001.09',
    messageId: sepaMessageId(BATCH_ID, '2026-11'),
    createdAt: new Date('2026-12-01T05:00:00Z'),
    requestedExecutionDate: '2026-12-04',
    debtor: {
      name: 'Communauté d’agglomération de Lens-Liévin',
      iban: 'FR7630004000031234567890143',
      bic: 'BNPAFRPPXXX',
    },
    numberOfTransactions: PAYMENTS.length,
    controlSumCents: 123_456 + 1 + 1000,
    ...overrides,
  };
}

/** Collects what the writer produces, and the summary it returns. */
async function produce(
  head: SepaCreditTransferHeader,
  payments: Iterable<SepaCreditTransferPayment> | AsyncIterable<SepaCreditTransferPayment>,
) {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  const summary = await writeSepaCreditTransfer(head, payments, out);
  return { xml: chunks.join(''), summary };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carnet-sepa-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeAndValidate(xml: string, format: SepaFormat, name: string): Promise<void> {
  const file = join(dir, name);
  await writeFile(file, xml, 'utf8');
  for (const schema of SCHEMAS[format]) await validate(file, schema);
}

describe('SEPA credit transfer', () => {
  it('writes pain.001.001.09 that the EPC 2023 and ISO schemas both accept', async () => {
    const { xml } = await produce(header(), PAYMENTS);
    await writeAndValidate(xml, 'pain.001.001.09', 'v09.xml');
    expect(xml).toContain('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">');
    expect(xml).toContain('<ReqdExctnDt>\n        <Dt>2026-12-04</Dt>');
    expect(xml).toContain('<CreDtTm>2026-12-01T06:00:00+01:00</CreDtTm>');
    expect(xml).toContain('<BICFI>AGRIFRPP836</BICFI>');
    expect(xml).toContain('<IBAN>FR7630006000011234567890189</IBAN>');
  });

  it('writes pain.001.001.03 that its ISO schema accepts', async () => {
    const { xml } = await produce(header({ format: 'pain.001.001.03' }), PAYMENTS);
    await writeAndValidate(xml, 'pain.001.001.03', 'v03.xml');
    expect(xml).toContain('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03">');
    expect(xml).toContain('<ReqdExctnDt>2026-12-04</ReqdExctnDt>');
    expect(xml).toContain('<BIC>AGRIFRPP836</BIC>');
    expect(xml).not.toContain('BICFI');
  });

  it('without any BIC: the debtor agent NOTPROVIDED, no creditor agent; still valid in both versions', async () => {
    const head = header({ debtor: { name: 'Lens-Liévin', iban: 'FR7630004000031234567890143' } });
    const payments = PAYMENTS.map((payment) => ({ ...payment, bic: null }));
    for (const format of ['pain.001.001.09', 'pain.001.001.03'] as const) {
      const { xml } = await produce({ ...head, format }, payments);
      await writeAndValidate(xml, format, `no-bic-${format}.xml`);
      expect(xml).toContain('<Othr>\n            <Id>NOTPROVIDED</Id>');
      expect(xml).not.toContain('<CdtrAgt>');
    }
  });

  it('writes names and remittance in the EPC set, cut to 70 and 140 characters', async () => {
    const { xml } = await produce(header(), PAYMENTS);
    expect([...Buffer.from(xml, 'utf8')].every((byte) => byte < 0x80)).toBe(true);
    expect(xml).toContain('<Nm>Espace public numerique de Lievin</Nm>');
    expect(xml).toContain("<Nm>Association ' Avion Connecte ' + Coeur d'Artois</Nm>");
    expect(xml).toContain("<Nm>Communaute d'agglomeration de Lens-Lievin</Nm>");
    expect(xml).toContain('<Ustrd>Pass numerique - Lens-Lievin - 2026-11 - 12 cheques</Ustrd>');
    const remittances = [...xml.matchAll(/<Ustrd>([^<]*)<\/Ustrd>/g)].map((m) => m[1]);
    // The second payment has no remittance: no empty RmtInf (the schema wants 1 character).
    expect(remittances).toHaveLength(2);
    expect(remittances[1]).toBe(`Pass numerique - ${'e'.repeat(123)}`);
    expect(remittances[1]).toHaveLength(140);
    expect(xml).not.toContain('Liévin');
  });

  it('writes amounts and control sums from cents, with two decimals, exactly', async () => {
    const { xml, summary } = await produce(header(), PAYMENTS);
    expect([...xml.matchAll(/<InstdAmt Ccy="EUR">([^<]*)<\/InstdAmt>/g)].map((m) => m[1])).toEqual([
      '1234.56',
      '0.01',
      '10.00',
    ]);
    expect([...xml.matchAll(/<CtrlSum>([^<]*)<\/CtrlSum>/g)].map((m) => m[1])).toEqual([
      '1244.57',
      '1244.57',
    ]);
    expect([...xml.matchAll(/<NbOfTxs>([^<]*)<\/NbOfTxs>/g)].map((m) => m[1])).toEqual(['3', '3']);
    expect(summary).toMatchObject({ numberOfTransactions: 3, controlSumCents: 124_457 });
  });

  it('summarises the bytes it wrote with their SHA-256, and yields the same text as an async iterable', async () => {
    const { xml, summary } = await produce(header(), PAYMENTS);
    expect(summary.bytes).toBe(Buffer.byteLength(xml, 'utf8'));
    expect(summary.sha256).toBe(createHash('sha256').update(xml, 'utf8').digest('hex'));
    let text = '';
    for await (const chunk of sepaCreditTransferXml(header(), PAYMENTS)) text += chunk;
    expect(text).toBe(xml);
  });

  it('fails, destroying the output, when the payments do not match the header', async () => {
    const cases: [Partial<SepaCreditTransferHeader>, RegExp][] = [
      [{ numberOfTransactions: 4, controlSumCents: 124_458 }, /announces 4 payments for 1244.58/],
      [{ numberOfTransactions: 2 }, /More payments than the 2 announced/],
      [{ controlSumCents: 124_456 }, /exceed the control sum announced \(1244.56\) at payment #3/],
      [
        { controlSumCents: 124_458 },
        /announces 3 payments for 1244.58, the payments are 3 for 1244.57/,
      ],
    ];
    for (const [overrides, message] of cases) {
      let written = '';
      const out = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          written += chunk.toString('utf8');
          callback();
        },
      });
      const promise = writeSepaCreditTransfer(header(overrides), PAYMENTS, out);
      await expect(promise).rejects.toThrow(SepaFileError);
      await expect(promise).rejects.toThrow(message);
      expect(out.destroyed).toBe(true);
      expect(written).not.toContain('</Document>');
    }
  });

  it('refuses invalid headers and payments before writing them', async () => {
    const payment = PAYMENTS[0];
    const one = { numberOfTransactions: 1, controlSumCents: payment.amountCents };
    const refusals: [Partial<SepaCreditTransferHeader>, SepaCreditTransferPayment, RegExp][] = [
      [{ messageId: 'a b' }, payment, /Invalid message id/],
      [{ messageId: 'x'.repeat(36) }, payment, /Invalid message id/],
      [{ paymentInformationId: '/x' }, payment, /Invalid payment information id/],
      [{ requestedExecutionDate: '2026-02-30' }, payment, /Invalid execution date/],
      [{ createdAt: new Date(Number.NaN) }, payment, /Invalid creation time/],
      [{ numberOfTransactions: 0, controlSumCents: 0 }, payment, /at least one payment/],
      [{ numberOfTransactions: 1, controlSumCents: 0.5 }, payment, /Invalid control sum/],
      [
        { debtor: { name: '  ', iban: 'FR7630004000031234567890143' } },
        payment,
        /debtor's name is empty/,
      ],
      [
        { debtor: { name: 'X', iban: 'FR7630004000031234567890144' } },
        payment,
        /debtor's IBAN is not valid/,
      ],
      [
        { debtor: { name: 'X', iban: 'FR7630004000031234567890143', bic: 'BNPA' } },
        payment,
        /debtor's BIC/,
      ],
      [
        {
          format: 'pain.001.001.03',
          debtor: { name: 'X', iban: 'FR7630004000031234567890143', bic: 'BNPAFRPOXXX' },
        },
        payment,
        /debtor's BIC/,
      ],
      [{}, { ...payment, endToEndId: 'a//b' }, /Payment #1: invalid end-to-end id/],
      [
        {},
        { ...payment, iban: 'FR76 3000 6000 0112 3456 7890 188' },
        /Payment #1: the IBAN is not valid/,
      ],
      [{}, { ...payment, bic: 'NOTABIC' }, /Payment #1: the BIC is not valid/],
      [{}, { ...payment, creditorName: ' \t ' }, /Payment #1: the creditor's name is empty/],
      [
        { controlSumCents: 1 },
        { ...payment, amountCents: 0 },
        /the amount must be 1 to 99999999999 cents, got 0/,
      ],
      [{}, { ...payment, amountCents: 12.5 }, /got 12.5/],
      [
        { controlSumCents: 100_000_000_000 },
        { ...payment, amountCents: 100_000_000_000 },
        /got 100000000000/,
      ],
    ];
    for (const [overrides, badPayment, message] of refusals) {
      const head = header({ ...one, ...overrides });
      await expect(produce(head, [badPayment])).rejects.toThrow(message);
    }
  });

  it('streams 50,000 payments with flat memory, into a file both schemas accept', async () => {
    // Forced collections make the heap measure what is retained, not garbage awaiting the GC
    // (each takes about a second under Jest: before, half-way and after only).
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const count = 50_000;
    const samples: number[] = [];
    // Async, as a database cursor would be: the writer pulls one payment at a time.
    async function* payments(): AsyncGenerator<SepaCreditTransferPayment> {
      for (let i = 0; i < count; i++) {
        await Promise.resolve();
        if (i === count / 2) {
          gc();
          samples.push(process.memoryUsage().heapUsed);
        }
        const hex = i.toString(16).padStart(12, '0');
        yield {
          endToEndId: sepaEndToEndId(BATCH_ID, `00000000-0000-4000-8000-${hex}`),
          creditorName: `Lieu de médiation numérique n° ${i} — Liévin`,
          iban: i % 2 === 0 ? 'FR7630006000011234567890189' : 'FR1420041010050500013M02606',
          bic: i % 3 === 0 ? null : 'PSSTFRPPLIL',
          amountCents: 1000 + (i % 97),
          remittance: `Pass numérique — Lens-Liévin — 2026-11 — ${(i % 40) + 1} chèques`,
        };
      }
    }
    let controlSumCents = 0;
    for (let i = 0; i < count; i++) controlSumCents += 1000 + (i % 97);

    gc();
    const before = process.memoryUsage().heapUsed;
    const file = join(dir, 'large.xml');
    const summary = await writeSepaCreditTransfer(
      header({ numberOfTransactions: count, controlSumCents }),
      payments(),
      createWriteStream(file),
    );
    gc();
    const after = process.memoryUsage().heapUsed;
    const peak = Math.max(...samples, after);

    // The file is ~30 MB: a writer that kept it, or its tree, in memory would grow by as much.
    expect(summary.bytes).toBeGreaterThan(25_000_000);
    expect(peak - before).toBeLessThan(8_000_000);
    expect(summary).toMatchObject({ numberOfTransactions: count, controlSumCents });
    expect(
      createHash('sha256')
        .update(await readFile(file))
        .digest('hex'),
    ).toBe(summary.sha256);
    for (const schema of SCHEMAS['pain.001.001.09']) await validate(file, schema);
    // 25 MB written, hashed and validated twice by xmllint: minutes on a loaded 2-core machine.
  }, 240_000);
});
