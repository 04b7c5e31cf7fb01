/**
 * Issue 9's mutations (every declaration channel, the authorised consignee and consignor, the
 * procedures to discharge): `subgraphs/declarations/declarations.procedures.int.test.ts` sees each
 * accepted and refused; the rules suite checks the others.
 */
export const CHANNEL_AND_PROCEDURE_MUTATIONS = [
  "announceRuralBorderImport",
  "applyForProcedureRelief",
  "attestEdecWebAcceptance",
  "authoriseCrossingFacility",
  "authoriseRuralBorderTraffic",
  "changeRuralBorderAnnouncement",
  "decideProcedureRelief",
  "dischargeProcedureCase",
  "extendProcedureCase",
  "grantProcessingAuthorisation",
  "openProcedureCase",
  "recordAnnouncedImport",
  "recordBoxDeclaration",
  "recordFacilityCrossing",
  "recordOralDeclaration",
  "recordPaperDeclaration",
  "revokeExportRegime",
];

/** The channels' mutations: `subgraphs/declarations/declarations.channels.int.test.ts` sees each accepted and refused. */
export const CHANNEL_MUTATIONS = [
  "announceRuralBorderImport",
  "attestEdecWebAcceptance",
  "authoriseCrossingFacility",
  "authoriseRuralBorderTraffic",
  "changeRuralBorderAnnouncement",
  "recordAnnouncedImport",
  "recordBoxDeclaration",
  "recordFacilityCrossing",
  "recordOralDeclaration",
  "recordPaperDeclaration",
];

/** The procedures' mutations: `subgraphs/declarations/declarations.procedures.int.test.ts` sees each accepted and refused. */
export const PROCEDURE_MUTATIONS = [
  "applyForProcedureRelief",
  "decideProcedureRelief",
  "dischargeProcedureCase",
  "extendProcedureCase",
  "grantProcessingAuthorisation",
  "openProcedureCase",
  "revokeExportRegime",
];
