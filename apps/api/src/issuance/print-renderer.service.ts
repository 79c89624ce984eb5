import { PassThrough } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse';
import { DataSource } from 'typeorm';
import { AppConfig } from '#src/config/app-config.js';
import type { PrintFile } from '#src/files/print-file.entity.js';
import { PRINT_CHUNK_BYTES, PrintStore } from '#src/files/print-store.service.js';
import type { Issuance } from './issuance.entity.js';
import { IssuanceRepository } from './issuance.repository.js';
import { PrintCoverRepository } from './print-cover.repository.js';
import {
  type CarnetCover,
  CarnetPdfWriter,
  COVER_VENUES,
  type PrintCarnet,
  type PrintRun,
  type PrintVenue,
} from './print/carnet-print.js';

/** Carnets whose commune is looked up at once, ahead of the drawing. */
const COMMUNE_WINDOW = 500;

/**
 * The PDF of a run, rendered from its stored CSV and stored chunk by chunk as it is written; each
 * carnet's cover lists the venues nearest its commune when it is known at print time.
 */
@Injectable()
export class PrintRenderer {
  constructor(
    private readonly issuances: IssuanceRepository,
    private readonly printStore: PrintStore,
    private readonly covers: PrintCoverRepository,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The PDF of the current generation, rendered from its CSV (small runs only). */
  async render(issuance: Issuance, run: PrintRun): Promise<void> {
    if (issuance.carnetCount > this.config.PRINT_PDF_MAX_CARNETS) return;
    const generation = (await this.issuances.get(issuance.id)).printGeneration;
    const csv = await this.printStore.find(issuance.id, generation, 'CSV');
    if (!csv?.complete) throw new Error(`CSV of issuance ${issuance.id} is not complete`);
    let pdf = await this.printStore.find(issuance.id, generation, 'PDF');
    if (pdf?.complete) return;
    pdf = await this.dataSource.transaction(async (manager) => {
      if (pdf) await this.printStore.remove(manager, [pdf.id]);
      return this.printStore.open(manager, issuance.id, generation, 'PDF');
    });
    await this.writePdf(issuance, csv, pdf, run);
  }

  private async cover(issuance: Issuance): Promise<CarnetCover> {
    const programme = await this.issuances.programme(issuance.programmeId);
    return {
      programmeId: programme.id,
      helpPhone: programme.helpPhone,
      publicUrl: this.config.PUBLIC_URL,
      funders: await this.covers.funders(programme.id),
    };
  }

  /**
   * The nearest venues of each carnet, by serial: communes looked up a window of serials at a
   * time, venues once per commune (a run's communes are few).
   */
  private venuesFinder(issuance: Issuance): (serial: number) => Promise<PrintVenue[]> {
    let window = { from: 0, to: -1, communes: new Map<number, string>() };
    const byCommune = new Map<string, PrintVenue[]>();
    return async (serial) => {
      if (serial < window.from || serial > window.to) {
        const to = serial + COMMUNE_WINDOW - 1;
        window = { from: serial, to, communes: await this.covers.communesOf(issuance, serial, to) };
      }
      const inseeCode = window.communes.get(serial);
      if (inseeCode === undefined) return [];
      let venues = byCommune.get(inseeCode);
      if (!venues) {
        venues = await this.covers.nearestVenues(issuance.programmeId, inseeCode, COVER_VENUES);
        byCommune.set(inseeCode, venues);
      }
      return venues;
    };
  }

  private async writePdf(
    issuance: Issuance,
    csv: PrintFile,
    pdf: PrintFile,
    run: PrintRun,
  ): Promise<void> {
    const out = new PassThrough();
    const writer = new CarnetPdfWriter({ ...run, cover: await this.cover(issuance) }, out, {
      cropMarks: issuance.cropMarks,
    });
    const venuesOf = this.venuesFinder(issuance);
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let lastSerial = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const bytes = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      await this.dataSource.transaction((manager) =>
        this.printStore.append(manager, pdf, bytes, lastSerial),
      );
    };
    const stored = (async () => {
      for await (const chunk of out) {
        pending.push(chunk as Buffer);
        pendingBytes += (chunk as Buffer).length;
        if (pendingBytes >= PRINT_CHUNK_BYTES) await flush();
      }
      await flush();
    })();
    const rows = parse({ columns: true });
    const feeding = (async () => {
      for await (const piece of this.printStore.read(csv.id)) {
        if (!rows.write(piece)) await new Promise((resolve) => rows.once('drain', resolve));
      }
      rows.end();
    })();
    let carnet: PrintCarnet | null = null;
    for await (const row of rows as AsyncIterable<Record<string, string>>) {
      const serial = Number(row.carnetSerial);
      if (!carnet || carnet.serial !== serial) {
        if (carnet) await writer.addCarnet(carnet);
        carnet = { serial, cheques: [], venues: await venuesOf(serial) };
        lastSerial = serial;
      }
      carnet.cheques.push({
        number: row.chequeNumber,
        securityCode: row.securityCode,
        faceValueCents: Number(row.faceValueCents),
        validUntil: row.validUntil,
        qrPayload: row.qrPayload,
      });
    }
    if (carnet) await writer.addCarnet(carnet);
    await feeding;
    await writer.end();
    await stored;
    await this.dataSource.transaction((manager) => this.printStore.complete(manager, pdf.id));
  }
}
