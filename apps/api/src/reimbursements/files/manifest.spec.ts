import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { type ManifestInput, manifestJson, writeManifest } from './manifest.js';
import { BATCH_FILES, statementFileName } from './names.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

const INPUT: ManifestInput = {
  batchId: '3f2a9c1e-5b7d-4e2f-9a1b-0c3d5e7f9a1b',
  programme: { id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', name: 'Pass numérique Lens-Liévin' },
  period: '2026-10',
  generatedAt: new Date('2026-11-03T09:15:00.123Z'),
  counts: { lines: 3, payableLines: 2, onHoldLines: 1, cheques: 40, redemptions: 12 },
  controlTotals: { payableCents: 30_050, onHoldCents: 10_000 },
  files: [
    { ...BATCH_FILES.summary, bytes: 2048, sha256: sha('synthese') },
    { ...BATCH_FILES.sepa, bytes: 4096, sha256: sha('sepa') },
    {
      name: statementFileName('W623000123'),
      mediaType: 'application/pdf',
      bytes: 1,
      sha256: sha('r'),
    },
  ],
};

describe('manifest.json', () => {
  it('lists the batch, counts, control totals and files (by name) in a fixed key order', () => {
    const text = manifestJson(INPUT);
    expect(text.endsWith('}\n')).toBe(true);
    const manifest = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(manifest)).toEqual([
      'batchId',
      'programme',
      'period',
      'generatedAt',
      'nothingToPay',
      'counts',
      'controlTotals',
      'files',
    ]);
    expect(manifest).toEqual({
      batchId: INPUT.batchId,
      programme: INPUT.programme,
      period: '2026-10',
      generatedAt: '2026-11-03T10:15:00+01:00',
      nothingToPay: false,
      counts: { lines: 3, payableLines: 2, onHoldLines: 1, cheques: 40, redemptions: 12 },
      controlTotals: {
        currency: 'EUR',
        payableCents: 30_050,
        onHoldCents: 10_000,
        sepaNumberOfTransactions: 2,
        sepaControlSum: '300.50',
      },
      files: [
        { name: 'releve-w623000123.pdf', mediaType: 'application/pdf', bytes: 1, sha256: sha('r') },
        { name: 'sepa.xml', mediaType: 'application/xml', bytes: 4096, sha256: sha('sepa') },
        {
          name: 'synthese.pdf',
          mediaType: 'application/pdf',
          bytes: 2048,
          sha256: sha('synthese'),
        },
      ],
    });
    // The same batch in any file order gives the same bytes.
    expect(manifestJson({ ...INPUT, files: [...INPUT.files].reverse() })).toBe(text);
  });

  it('refuses what would make it lie: duplicates, itself, bad digests, counts that do not add up', () => {
    const file = INPUT.files[0];
    expect(() => manifestJson({ ...INPUT, files: [file, file] })).toThrow('listed twice');
    expect(() =>
      manifestJson({ ...INPUT, files: [{ ...BATCH_FILES.manifest, bytes: 1, sha256: sha('m') }] }),
    ).toThrow('Not a file the manifest may list');
    expect(() => manifestJson({ ...INPUT, files: [{ ...file, sha256: 'abc' }] })).toThrow(
      'not a SHA-256',
    );
    expect(() => manifestJson({ ...INPUT, files: [{ ...file, bytes: -1 }] })).toThrow(
      'Invalid size',
    );
    expect(() => manifestJson({ ...INPUT, counts: { ...INPUT.counts, onHoldLines: 0 } })).toThrow(
      'are not 3',
    );
  });

  it('says when there is nothing to pay: no sepa.xml, no SEPA control figures', () => {
    const summary = { ...BATCH_FILES.summary, bytes: 2048, sha256: sha('synthese') };
    const onHold: ManifestInput = {
      ...INPUT,
      counts: { lines: 2, payableLines: 0, onHoldLines: 2, cheques: 7, redemptions: 4 },
      controlTotals: { payableCents: 0, onHoldCents: 7_000 },
      files: [summary],
    };
    const manifest = JSON.parse(manifestJson(onHold)) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      nothingToPay: true,
      controlTotals: {
        currency: 'EUR',
        payableCents: 0,
        onHoldCents: 7_000,
        sepaNumberOfTransactions: null,
        sepaControlSum: null,
      },
      files: [{ name: 'synthese.pdf' }],
    });
    // A month without a single redemption: the same, with zero lines.
    const empty = manifestJson({
      ...onHold,
      counts: { lines: 0, payableLines: 0, onHoldLines: 0, cheques: 0, redemptions: 0 },
      controlTotals: { payableCents: 0, onHoldCents: 0 },
    });
    expect(JSON.parse(empty)).toMatchObject({ nothingToPay: true, counts: { lines: 0 } });
    // The manifest and the files never disagree on whether a transfer exists.
    const sepa = { ...BATCH_FILES.sepa, bytes: 1, sha256: sha('sepa') };
    expect(() => manifestJson({ ...onHold, files: [summary, sepa] })).toThrow(
      'nothing to pay has no sepa.xml',
    );
    expect(() => manifestJson({ ...INPUT, files: [summary] })).toThrow('but no sepa.xml listed');
    expect(() =>
      manifestJson({ ...onHold, controlTotals: { payableCents: 100, onHoldCents: 7_000 } }),
    ).toThrow('No payable line, yet 100 cents');
  });

  it('is written with its size and SHA-256', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    });
    const digest = await writeManifest(INPUT, out);
    const bytes = Buffer.concat(chunks);
    expect(bytes.toString('utf8')).toBe(manifestJson(INPUT));
    expect(digest).toEqual({
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('names a statement by its venue, in the characters file names allow', () => {
    expect(statementFileName('21620510700015')).toBe('releve-21620510700015.pdf');
    expect(() => statementFileName('../etc')).toThrow('Not a venue pivot');
  });
});
