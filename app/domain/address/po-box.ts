/**
 * Post-office boxes, in the words customers write them in: many couriers (UPS, FedEx, DHL Express
 * and most dropshipping suppliers' carriers) deliver to a door, not to a box.
 */

/** Each pattern matches a box wherever it stands in a line; the comment says where it is used. */
const PO_BOX_PATTERNS: readonly RegExp[] = [
  // English: P.O. Box 12, PO Box, P O Box, POB 12, Post Office Box, GPO/LPO Box (AU), Pobox
  /\b(?:[GL]\.?\s*)?P\.?\s*O\.?\s*B(?:OX|\.)?\s*#?\s*\d/i,
  /\bP\.?\s*O\.?\s*BOX\b/i,
  /\bPOST\s*OFFICE\s*BOX\b/i,
  /\bPOBOX\b/i,
  // Australia and New Zealand
  /\b(?:LOCKED|PRIVATE)\s+BAG\b/i,
  // Germany, Austria, Switzerland
  /\bPOSTFACH\b/i,
  // France, Belgium, Switzerland, Quebec: Boîte postale, B.P. 12, Case postale, CP 12 (Quebec)
  /\bBO[IÎ]TE\s+POSTALE\b/i,
  /(?:^|\s)B\.\s?P\.?\s*\d/i,
  /(?:^|\s)BP\s+\d/i,
  /\bCASE\s+POSTALE\b/i,
  // Spain and Latin America: Apartado (de correos), Apdo. 12, Casilla (de correo)
  /\bAPARTADO\b/i,
  /\bAPDO\.?\s*\d/i,
  /\bCASILLA\s+(?:DE\s+CORREOS?|POSTAL)?\s*\d/i,
  // Brazil, Portugal: Caixa Postal
  /\bCAIXA\s+POSTAL\b/i,
  // Italy: Casella postale
  /\bCASELLA\s+POSTALE\b/i,
  // Netherlands: Postbus; Denmark and Norway: Postboks
  /\bPOSTBUS\b/i,
  /\bPOSTBOKS\b/i,
  // Sweden: "Box 123" opens the line
  /^\s*BOX\s+\d/i,
  // Poland: skrytka pocztowa
  /\bSKRYTKA\s+POCZTOWA\b/i,
  // Japan
  /私書箱/,
];

/** True when an address line names a post-office box. */
export function isPoBox(line: string | null | undefined): boolean {
  if (!line) return false;
  return PO_BOX_PATTERNS.some((pattern) => pattern.test(line));
}
