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
import { CarnetPdfWriter, type PrintCarnet, type PrintRun } from './print/carnet-print.js';

/** The PDF of a run, rendered from its stored CSV and stored chunk by chunk as it is written. */
@Injectable()
export class PrintRenderer {
  constructor(
    private readonly issuances: IssuanceRepository,
    private readonly printStore: PrintStore,
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
    await this.writePdf(csv, pdf, run);
  }

  private async writePdf(csv: PrintFile, pdf: PrintFile, run: PrintRun): Promise<void> {
    const out = new PassThrough();
    const writer = new CarnetPdfWriter(run, out);
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
        carnet = { serial, cheques: [] };
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
