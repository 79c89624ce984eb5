import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import type request from 'supertest';
import { AppConfig } from '#src/config/app-config.js';
import { PrintCoverRepository } from '#src/issuance/print-cover.repository.js';
import { EU_COFUNDED } from '#src/issuance/print/carnet-print.js';
import { QualificationService } from '#src/venues/qualification.service.js';
import { QUALIFICATION_CRITERIA } from '@carnet/domain';
import {
  createAllDemoAccounts,
  createFunder,
  createProgramme,
  createVenue,
  LENS,
  LIEVIN,
  principalOf,
} from './factories.js';
import { inflatedPdf, readPdf } from './pdf-text.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

interface Issuance {
  id: string;
  status: string;
  printGeneration: number;
  firstSerial: number;
  cropMarks: boolean;
}

/** Collects a response body as bytes. */
const binary: Extract<Parameters<request.Test['parse']>[0], (res: never, cb: never) => void> = (
  res,
  done,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('print-ready carnets (e2e)', () => {
  let t: TestApp;
  let manager: Session;
  let admin: Session;
  let finance: Session;
  let funderViewer: Session;
  let stateId: string;
  let federId: string;
  let programmeId: string;
  let logo: Buffer;

  const putLogo = (session: Session, id: string, body: Buffer, type: string) =>
    t.http.put(`/api/v1/funders/${id}/logo`).set(session.auth).set('Content-Type', type).send(body);

  async function waitDone(id: string, generation = 1): Promise<Issuance> {
    for (let i = 0; i < 300; i++) {
      const r = await t.http.get(`/api/v1/issuances/${id}`).set(manager.auth).expect(200);
      const body = r.body as Issuance;
      if (body.status === 'FAILED') throw new Error(`issuance failed: ${JSON.stringify(body)}`);
      if (body.status === 'DONE' && body.printGeneration === generation) return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('issuance did not finish');
  }

  async function pdfOf(id: string): Promise<Buffer> {
    const r = await t.http
      .get(`/api/v1/issuances/${id}/files/pdf`)
      .set(manager.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    return inflatedPdf(r.body as Buffer);
  }

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts', worker: true });
    stateId = (await createAllDemoAccounts(t)).stateFunderId;
    federId = (await createFunder(t, { name: 'FEDER — Région Hauts-de-France', kind: 'EU_FUND' }))
      .id;
    programmeId = (
      await createProgramme(t, {
        programme: { helpPhone: '03 21 00 00 00' },
        shares: [
          { funderId: stateId, basisPoints: 7900 },
          { funderId: federId, basisPoints: 2100 },
        ],
        enrol: [LENS, LIEVIN],
      })
    ).id;
    manager = await login(t.http, 'manager@demo.carnet.fr');
    admin = await login(t.http, 'admin@demo.carnet.fr');
    finance = await login(t.http, 'finance@demo.carnet.fr');
    funderViewer = await login(t.http, 'funder@demo.carnet.fr');
    logo = await QRCode.toBuffer('Préfecture', { type: 'png', width: 160 });
  }, 180_000);

  afterAll(async () => {
    await t.close();
  });

  it("uploads a funder's logo: a PNG or JPEG of at most 1 MB, by managers and admins only", async () => {
    const refused = (r: request.Response, status: number, code: string) => {
      expect(r.status).toBe(status);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.body.code).toBe(code);
    };
    refused(await putLogo(finance, stateId, logo, 'image/png'), 403, 'FORBIDDEN');
    refused(await putLogo(funderViewer, stateId, logo, 'image/png'), 403, 'FORBIDDEN');
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    // A type the route does not take is refused before it, as on every route.
    refused(await putLogo(manager, stateId, gif, 'image/gif'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    refused(
      await putLogo(manager, stateId, Buffer.from('not an image'), 'image/png'),
      415,
      'IMAGE_NOT_PNG_OR_JPEG',
    );
    // A PNG announced as JPEG, and a PNG whose pixels are damaged.
    refused(await putLogo(manager, stateId, logo, 'image/jpeg'), 415, 'IMAGE_NOT_PNG_OR_JPEG');
    const damaged = Buffer.from(logo);
    damaged.fill(0x41, 60, damaged.length - 20);
    refused(await putLogo(manager, stateId, damaged, 'image/png'), 415, 'IMAGE_NOT_PNG_OR_JPEG');
    const large = Buffer.concat([logo, Buffer.alloc(1024 * 1024)]);
    refused(await putLogo(manager, stateId, large, 'image/png'), 413, 'IMAGE_TOO_LARGE');
    // A small file of 5,000 × 5,000 pixels (25 MB once inflated): refused, never inflated.
    const bomb = grayPng(5000, 5000);
    expect(bomb.length).toBeLessThan(100 * 1024);
    refused(await putLogo(manager, stateId, bomb, 'image/png'), 413, 'IMAGE_TOO_LARGE');
    refused(
      await t.http.get(`/api/v1/funders/${stateId}/logo`).set(manager.auth),
      404,
      'FUNDER_LOGO_NOT_FOUND',
    );

    const set = await putLogo(manager, stateId, logo, 'image/png').expect(200);
    expect(set.body).toMatchObject({ id: stateId, hasLogo: true });
    await putLogo(admin, stateId, logo, 'image/png').expect(200);
    // Whoever reads the funder reads its logo, as uploaded.
    for (const session of [finance, funderViewer]) {
      const read = await t.http
        .get(`/api/v1/funders/${stateId}/logo`)
        .set(session.auth)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(read.headers['content-type']).toMatch(/^image\/png/);
      expect((read.body as Buffer).equals(logo)).toBe(true);
    }
    const audited = await t.dataSource.query<{ action: string; after: { sha256: string } }[]>(
      `SELECT action, after FROM audit_event WHERE entity_id = $1 AND action LIKE 'funder.logo%'
       ORDER BY occurred_at`,
      [stateId],
    );
    expect(audited.map((a) => a.action)).toEqual(['funder.logo-changed', 'funder.logo-changed']);
    expect(audited[0].after.sha256).toMatch(/^[0-9a-f]{64}$/);

    const removed = await t.http
      .delete(`/api/v1/funders/${federId}/logo`)
      .set(manager.auth)
      .expect(200);
    expect(removed.body.hasLogo).toBe(false);
  });

  it('prints each carnet with its cover: fonts embedded, EU emblem, logo, help phone, crop marks on request', async () => {
    await putLogo(manager, stateId, logo, 'image/png').expect(200);
    const accepted = await t.http
      .post(`/api/v1/programmes/${programmeId}/carnets`)
      .set(manager.auth)
      .send({ count: 2, cropMarks: true })
      .expect(202);
    expect(accepted.body.cropMarks).toBe(true);
    const run = await waitDone(accepted.body.id);
    const pdf = await pdfOf(run.id);
    const facts = readPdf(pdf);
    // A cover and 2 pages of cheques per carnet.
    expect(facts.pages).toBe(6);
    expect(facts.fonts.length).toBeGreaterThan(0);
    for (const font of facts.fonts) expect(font).toMatch(/^[A-Z]{6}\+DejaVuSans/);
    expect(facts.embeddedFonts).toBe(facts.fonts.length);
    expect(pdf.toString('latin1')).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);

    const publicUrl = t.app.get(AppConfig).PUBLIC_URL;
    expect(facts.lines).toContain('Comment utiliser vos chèques ?');
    expect(facts.lines).toContain(`${publicUrl.replace(/^https?:\/\//, '')}/lieux`);
    expect(facts.lines).toContain('Une question ? Appelez le 03 21 00 00 00.');
    expect(facts.lines.filter((line) => line === EU_COFUNDED)).toHaveLength(2);
    // The FEDER has no logo: its name stands in.
    expect(facts.lines.filter((line) => line.startsWith('FEDER'))).toHaveLength(2);
    expect(facts.lines).toContain('Talon à remplir par la structure qui remet le carnet');
    const latin1 = pdf.toString('latin1');
    expect(latin1).toMatch(/\/Subtype \/Image/);
    expect(latin1.match(/\/TrimBox \[/g)).toHaveLength(6);
    expect(latin1.match(/\/BleedBox \[/g)).toHaveLength(6);

    // Printed again without crop marks: plain A4 pages.
    const reprinted = await t.http
      .post(`/api/v1/issuances/${run.id}/print`)
      .set(manager.auth)
      .send({ cropMarks: false })
      .expect(202);
    expect(reprinted.body.cropMarks).toBe(false);
    await waitDone(run.id, 2);
    const plain = (await pdfOf(run.id)).toString('latin1');
    expect(plain).not.toMatch(/\/BleedBox/);
    expect(plain.match(/\/TrimBox \[/g)).toHaveLength(6);
  });

  it("finds a carnet's commune at print time and the programme's venues nearest to it", async () => {
    const venue = await createVenue(t, {
      pivot: '21620000605774',
      name: 'Médiathèque Robert-Cousin',
      address: '2 rue de la Gare',
      postalCode: '62300',
      communeName: 'Lens',
      inseeCode: LENS,
      phone: '03 21 00 00 01',
      itinerance: ['Fixe'],
    });
    const actor = await principalOf(t, 'manager@demo.carnet.fr');
    const qualification = t.app.get(QualificationService);
    await qualification.decide(actor, venue.id, {
      status: 'UNDER_REVIEW',
      reason: 'Dossier complet.',
      checklist: [],
    });
    await qualification.decide(actor, venue.id, {
      status: 'QUALIFIED',
      reason: 'Tous les critères sont remplis.',
      checklist: QUALIFICATION_CRITERIA.map((criterion) => ({ criterion, met: true })),
    });
    const accepted = await t.http
      .post(`/api/v1/programmes/${programmeId}/carnets`)
      .set(manager.auth)
      .send({ count: 2 })
      .expect(202);
    const run = await waitDone(accepted.body.id);
    await t.http
      .post(`/api/v1/programmes/${programmeId}/allocations`)
      .set(manager.auth)
      .send({ totalCarnets: 20, fixedPerCommune: 10, weights: {} })
      .expect(201);
    await t.http
      .post('/api/v1/carnets/transfers')
      .set(manager.auth)
      .send({
        serialFrom: run.firstSerial,
        serialTo: run.firstSerial,
        to: { kind: 'COMMUNE', inseeCode: LENS },
      })
      .expect(201);

    const covers = t.app.get(PrintCoverRepository);
    const communes = await covers.communesOf(
      { id: run.id, programmeId },
      run.firstSerial,
      run.firstSerial + 1,
    );
    expect([...communes]).toEqual([[run.firstSerial, LENS]]);
    expect(await covers.nearestVenues(programmeId, LENS, 3)).toEqual([
      {
        name: 'Médiathèque Robert-Cousin',
        address: '2 rue de la Gare, 62300 Lens',
        phone: '03 21 00 00 01',
      },
    ]);
  });
});

/** A well-formed 8-bit grey PNG of the given size, every pixel black: tiny once deflated. */
function grayPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc((width + 1) * height), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
