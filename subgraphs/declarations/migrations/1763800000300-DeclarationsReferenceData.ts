import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Reference data a customs office needs from day one: four offices with their cantons and
 * counter hours (DEC-R83, LD art. 29), a sample of the tariff (officers maintain it), and the
 * first selection rule set (DEC-R29). Office codes, hours, rates and rules are a realistic sample
 * chosen for this system (DESIGN CHOICE), not official figures.
 */
const WEEKDAYS = [1, 2, 3, 4, 5];
const split = (am: [string, string], pm: [string, string]) => WEEKDAYS.flatMap(weekday => [
  { weekday, opens: am[0], closes: am[1] },
  { weekday, opens: pm[0], closes: pm[1] },
]);

const OFFICES = [
  { id: "1001", name: "Basel/Weil am Rhein-Autobahn", canton: "BS", hours: split(["07:30", "11:45"], ["13:15", "17:30"]), competences: ["IMPORT", "EXPORT", "TRANSIT", "COMMERCIAL_GOODS"], place: "Zollanlage Basel/Weil am Rhein-Autobahn" },
  { id: "2301", name: "Chiasso-Strada", canton: "TI", hours: split(["07:30", "11:45"], ["13:15", "17:30"]), competences: ["IMPORT", "EXPORT", "TRANSIT", "COMMERCIAL_GOODS"], place: "Dogana commerciale Chiasso-Brogeda" },
  { id: "3001", name: "Genève-Bardonnex", canton: "GE", hours: split(["08:00", "12:00"], ["13:30", "17:00"]), competences: ["IMPORT", "EXPORT", "TRANSIT", "COMMERCIAL_GOODS"], place: "Bureau de douane de Bardonnex" },
  { id: "4001", name: "Zürich-Flughafen", canton: "ZH", hours: WEEKDAYS.map(weekday => ({ weekday, opens: "07:00", closes: "18:00" })), competences: ["IMPORT", "EXPORT", "AIR_CARGO"], place: "Frachthof Zürich-Flughafen" },
];

const RATES: [string, string, string, string][] = [
  ["0201.3000", "Boneless meat of bovine animals, fresh or chilled", "PER_100_KG_GROSS", "2200.00"],
  ["0201.2000", "Other cuts with bone of bovine animals, fresh or chilled", "PER_100_KG_GROSS", "1500.00"],
  ["0702.0000", "Tomatoes, fresh or chilled", "PER_100_KG_GROSS", "5.00"],
  ["0805.1000", "Oranges, fresh", "PER_100_KG_GROSS", "0.00"],
  ["1001.9900", "Wheat, other", "PER_100_KG_GROSS", "42.00"],
  ["2203.0000", "Beer made from malt", "PER_100_KG_GROSS", "25.00"],
  ["2204.2150", "Wine of fresh grapes, containers of 2 l or less", "PER_100_KG_GROSS", "50.00"],
  ["6109.1000", "T-shirts, knitted, of cotton", "PER_100_KG_GROSS", "97.00"],
  ["6403.9900", "Footwear with leather uppers, other", "PER_100_KG_GROSS", "250.00"],
  ["8471.3000", "Portable automatic data-processing machines", "PER_100_KG_GROSS", "0.00"],
  ["8703.2300", "Motor cars, 1500-3000 cm3", "PER_100_KG_GROSS", "15.00"],
  ["9102.1100", "Wrist-watches, electrically operated, mechanical display", "PER_UNIT", "0.60"],
];

const RULES = [
  { id: "R1", description: "Goods subject to non-customs federal acts: documents checked (OD-AFD art. 17 para. 5)", result: "FREE_WITH", when: { nonCustomsActs: true } },
  { id: "R2", description: "Bovine meat: high duties and quotas, physical control", result: "BLOCKED", when: { direction: "IMPORT", tariffPrefixes: ["0201", "0202"] } },
  { id: "R3", description: "Consignment value above CHF 100,000: documents checked", result: "FREE_WITH", when: { minValueChf: "100000" } },
  { id: "R4", description: "Watches from high-risk origins: physical control", result: "BLOCKED", when: { tariffPrefixes: ["9101", "9102"], origins: ["CN", "HK"] } },
];

export class DeclarationsReferenceData1763800000300 implements MigrationInterface {
  name = "DeclarationsReferenceData1763800000300";

  async up(q: QueryRunner): Promise<void> {
    for (const o of OFFICES) {
      await q.query("INSERT INTO customs_office (id, name, canton, opening_hours, competences, taxation_place) VALUES (?, ?, ?, ?, ?, ?)", [
        o.id,
        o.name,
        o.canton,
        JSON.stringify(o.hours),
        JSON.stringify(o.competences),
        o.place,
      ]);
    }
    let n = 0;
    for (const [tariffNumber, description, basis, rate] of RATES) {
      n += 1;
      await q.query("INSERT INTO tariff_rate (id, tariff_number, description, rate_basis, rate, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, NULL)", [
        `00000000-0000-4000-a000-${String(n).padStart(12, "0")}`,
        tariffNumber,
        description,
        basis,
        rate,
        "2026-01-01",
      ]);
    }
    await q.query("INSERT INTO selection_rule_set (version, random_rate, rules, active_from, created_by) VALUES (?, ?, ?, ?, ?)", [1, "0.02", JSON.stringify(RULES), "2026-01-01 00:00:00.000", "migration"]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DELETE FROM selection_rule_set WHERE version = 1");
    await q.query("DELETE FROM tariff_rate WHERE valid_from = '2026-01-01' AND id LIKE '00000000-0000-4000-a000-%'");
    await q.query(`DELETE FROM customs_office WHERE id IN (${OFFICES.map(() => "?").join(", ")})`, OFFICES.map(o => o.id));
  }
}
