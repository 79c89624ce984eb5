import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * The bank's answer to a transfer file: an ISO 20022 customer payment status report,
 * pain.002.001.03 (the SEPA rulebook's) or pain.002.001.10 (the 2019 version). No maintained npm
 * library parses pain.002 itself (the SEPA packages write pain.001 and pain.008 only), so this
 * reads it with fast-xml-parser (maintained, no native code, no external entities, no DTD
 * fetching) and maps the few elements that matter: the original message, and per transaction
 * its end-to-end id, status and reason.
 */

/** What a transaction's status means for its line. */
export type StatusReportOutcome = 'PAID' | 'REJECTED' | 'PENDING';

export interface StatusReportTransaction {
  endToEndId: string;
  /** ISO status code as the bank sent it (ACSC, ACCP, RJCT, …). */
  transactionStatus: string;
  outcome: StatusReportOutcome;
  /** ISO reason code (AC01, AC04, AM05, …) when given. */
  reasonCode: string | null;
  /** A French sentence for the reason, from the code and the bank's free text. */
  reason: string | null;
  /** The day the bank accepted or settled it (YYYY-MM-DD), when given; else the report's day. */
  date: string;
}

export interface StatusReport {
  messageId: string;
  createdAt: string;
  originalMessageId: string;
  /** Status of the whole file (RJCT: every transaction rejected), when the bank gave one. */
  groupStatus: string | null;
  /** The file's rejection reason in French, when the whole file was rejected. */
  groupReason: string | null;
  transactions: StatusReportTransaction[];
}

export class StatusReportError extends Error {}

/** Final "settled" statuses: the money reached the creditor's bank. */
const SETTLED = new Set(['ACSC', 'ACCC']);
const REJECTED = new Set(['RJCT']);

/** Reason codes a French bank commonly returns on a SEPA credit transfer, in French. */
const REASONS: Readonly<Record<string, string>> = {
  AC01: 'IBAN du bénéficiaire incorrect',
  AC04: 'compte du bénéficiaire clos',
  AC06: 'compte du bénéficiaire bloqué',
  AC13: 'type de compte du bénéficiaire invalide',
  AG01: 'opération interdite sur ce compte',
  AG02: 'code opération invalide',
  AM04: 'provision insuffisante',
  AM05: 'virement en double',
  BE04: 'adresse du bénéficiaire manquante',
  BE05: 'émetteur non reconnu',
  CNOR: 'banque du bénéficiaire non joignable',
  DNOR: 'banque du donneur d’ordre non joignable',
  DUPL: 'virement en double',
  FF01: 'format de fichier invalide',
  MD07: 'bénéficiaire décédé',
  MS02: 'refusé par le bénéficiaire, sans motif',
  MS03: 'refusé, sans motif précisé',
  RC01: 'BIC incorrect',
  RR01: 'identification du donneur d’ordre manquante (réglementaire)',
  RR02: 'nom ou adresse du donneur d’ordre manquant (réglementaire)',
  RR03: 'nom ou adresse du bénéficiaire manquant (réglementaire)',
  RR04: 'motif réglementaire',
};

const ARRAYS = new Set(['OrgnlPmtInfAndSts', 'TxInfAndSts', 'StsRsnInf', 'AddtlInf']);

type Node = Record<string, unknown>;

function child(node: unknown, name: string): unknown {
  return node !== null && typeof node === 'object' ? (node as Node)[name] : undefined;
}

function text(node: unknown): string | null {
  if (typeof node === 'string') return node.trim() || null;
  if (typeof node === 'number') return String(node);
  const inner = child(node, '#text');
  return typeof inner === 'string' || typeof inner === 'number' ? String(inner).trim() : null;
}

function list(node: unknown): unknown[] {
  if (node === undefined || node === null) return [];
  return Array.isArray(node) ? node : [node];
}

function required(value: string | null, what: string): string {
  if (value === null) throw new StatusReportError(`The status report has no ${what}`);
  return value;
}

function day(value: string | null): string | null {
  const match = value === null ? null : /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return match ? match[1] : null;
}

function reasonOf(statusReasons: unknown[]): { code: string | null; reason: string | null } {
  const first = statusReasons[0];
  if (first === undefined) return { code: null, reason: null };
  const code = text(child(child(first, 'Rsn'), 'Cd')) ?? text(child(child(first, 'Rsn'), 'Prtry'));
  const additional = list(child(first, 'AddtlInf'))
    .map(text)
    .filter((t): t is string => t !== null)
    .join(' ');
  const label = code !== null ? (REASONS[code] ?? `motif ${code}`) : null;
  const reason = [label, additional || null].filter((t): t is string => t !== null).join(' — ');
  return { code, reason: reason || null };
}

function outcomeOf(status: string): StatusReportOutcome {
  if (SETTLED.has(status)) return 'PAID';
  if (REJECTED.has(status)) return 'REJECTED';
  return 'PENDING';
}

/**
 * Reads a pain.002 report. Throws StatusReportError when it is not well-formed XML, not a pain.002
 * or lacks what identifies the transfers. A file rejected as a whole (group status RJCT and no
 * transaction listed) is answered with `transactions` empty and `groupStatus` 'RJCT': the caller
 * rejects every line of the original message.
 */
export function parseStatusReport(xml: string): StatusReport {
  if (XMLValidator.validate(xml) !== true) {
    throw new StatusReportError('The status report is not well-formed XML');
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new StatusReportError('The status report may not declare a DTD or entities');
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    processEntities: false,
    parseTagValue: false,
    isArray: (name) => ARRAYS.has(name),
  });
  const document = child(parser.parse(xml) as unknown, 'Document');
  const report = child(document, 'CstmrPmtStsRpt');
  if (report === undefined) {
    throw new StatusReportError('Not a payment status report (pain.002): no CstmrPmtStsRpt');
  }
  const header = child(report, 'GrpHdr');
  const messageId = required(text(child(header, 'MsgId')), 'message id (GrpHdr/MsgId)');
  const createdAt = required(text(child(header, 'CreDtTm')), 'creation time (GrpHdr/CreDtTm)');
  const reportDay = required(day(createdAt), 'valid creation time');
  const group = child(report, 'OrgnlGrpInfAndSts');
  const originalMessageId = required(
    text(child(group, 'OrgnlMsgId')),
    'original message id (OrgnlGrpInfAndSts/OrgnlMsgId)',
  );
  const groupStatus = text(child(group, 'GrpSts'));
  const groupReason = reasonOf(list(child(group, 'StsRsnInf')));

  const transactions: StatusReportTransaction[] = [];
  // A payment block rejected as a whole, its transactions unlisted: Carnet's files hold one
  // block, so the whole file is rejected, as with a group status RJCT.
  let blockRejection: { code: string | null; reason: string | null } | null = null;
  for (const payment of list(child(report, 'OrgnlPmtInfAndSts'))) {
    const listed = list(child(payment, 'TxInfAndSts'));
    if (text(child(payment, 'PmtInfSts')) === 'RJCT' && listed.length === 0) {
      blockRejection = reasonOf(list(child(payment, 'StsRsnInf')));
    }
    for (const transaction of listed) {
      const endToEndId = required(text(child(transaction, 'OrgnlEndToEndId')), 'OrgnlEndToEndId');
      const status = required(text(child(transaction, 'TxSts')), `TxSts for ${endToEndId}`);
      const own = reasonOf(list(child(transaction, 'StsRsnInf')));
      const reason = own.code !== null || own.reason !== null ? own : groupReason;
      transactions.push({
        endToEndId,
        transactionStatus: status,
        outcome: outcomeOf(status),
        reasonCode: reason.code,
        reason:
          outcomeOf(status) === 'REJECTED'
            ? (reason.reason ?? 'rejeté par la banque')
            : reason.reason,
        date: day(text(child(transaction, 'AccptncDtTm'))) ?? reportDay,
      });
    }
  }
  if (blockRejection !== null && groupStatus !== 'RJCT' && transactions.length === 0) {
    return {
      messageId,
      createdAt,
      originalMessageId,
      groupStatus: 'RJCT',
      groupReason: blockRejection.reason ?? groupReason.reason ?? 'rejeté par la banque',
      transactions,
    };
  }
  return {
    messageId,
    createdAt,
    originalMessageId,
    groupStatus,
    groupReason: groupStatus === 'RJCT' ? (groupReason.reason ?? 'rejeté par la banque') : null,
    transactions,
  };
}
