import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In } from "typeorm";
import { ConnectionArgs, ConnectionShape, keyCursor, NotFoundError, OfficeCalendar, OfficeCalendarError, pageByKey, Principal, requireFutureDate, ValidationError, transaction } from "../../kit";
import { SelectionRule, SelectionRuleSet } from "../entities/selection.entity";
import { CustomsOffice } from "../entities/customs-office.entity";
import { RateBasis } from "../entities/enums";
import { TariffRate } from "../entities/tariff-rate.entity";
import { refused } from "./errors";

export const TARIFF_NUMBER = /^\d{4}\.\d{4}$/;

/** Customs offices and the tariff: reference data officers maintain. */
export class ReferenceService {
  constructor(private readonly dataSource: DataSource) {}

  async office(id: string, manager: EntityManager = this.dataSource.manager): Promise<CustomsOffice> {
    const office = await manager.findOneBy(CustomsOffice, { id });
    if (!office) throw new NotFoundError("CustomsOffice", id, "officeId");
    return office;
  }

  async officesByIds(ids: readonly string[]): Promise<(CustomsOffice | null)[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(CustomsOffice).findBy({ id: In([...new Set(ids)]) });
    return ids.map(id => rows.find(r => r.id === id) ?? null);
  }

  /** The office's calendar (T2-T5): its canton's public holidays and its counter opening hours. */
  calendarOf(office: CustomsOffice): OfficeCalendar {
    return new OfficeCalendar({ canton: office.canton, openingHours: office.openingHours });
  }

  async recordOffice(input: CustomsOffice): Promise<CustomsOffice> {
    try {
      // Validates canton and hours before anything is written.
      this.calendarOf(input);
    } catch (error) {
      if (error instanceof OfficeCalendarError) throw new ValidationError(error.message, { field: "input.openingHours", rule: "DEC-R83", article: "LD art. 29" });
      throw error;
    }
    return transaction(this.dataSource, m => m.save(m.create(CustomsOffice, input)));
  }

  /**
   * The tariff, a page at a time, by tariff number then first day of validity (the unique key of
   * a rate, so the cursor is that pair: the kit's time-ordered `paginate` does not fit a table
   * whose natural order is the tariff number). One query a page plus one count when asked.
   */
  async tariffRates(prefix: string | null, args: ConnectionArgs): Promise<ConnectionShape<TariffRate>> {
    const base = () => {
      const qb = this.dataSource.getRepository(TariffRate).createQueryBuilder("t");
      if (prefix) qb.where("t.tariff_number LIKE :p", { p: `${prefix}%` });
      return qb;
    };
    const page = base();
    if (args.after) {
      const [n, from] = keyCursor.decode<[string, string]>(args.after, ["string", "string"]);
      page.andWhere("(t.tariff_number > :n OR (t.tariff_number = :n AND t.valid_from > :from))", { n, from });
    }
    const rows = await page.orderBy("t.tariff_number", "ASC").addOrderBy("t.valid_from", "ASC").take(args.first + 1).getMany();
    return pageByKey(rows, args, r => [r.tariffNumber, r.validFrom], () => base().getCount());
  }

  /** Selection rule sets, a page at a time, by version (oldest first, like every connection here). */
  async ruleSets(args: ConnectionArgs): Promise<ConnectionShape<SelectionRuleSet>> {
    const repo = this.dataSource.getRepository(SelectionRuleSet);
    const page = repo.createQueryBuilder("r");
    if (args.after) {
      const [version] = keyCursor.decode<[string]>(args.after, ["string"]);
      page.where("r.version > :v", { v: Number(version) });
    }
    const rows = await page.orderBy("r.version", "ASC").take(args.first + 1).getMany();
    return pageByKey(rows, args, r => [String(r.version)], () => repo.count());
  }

  /** DEC-R48 (LD art. 19 para. 1): the rate in force on `day` for the tariff number. */
  async rateFor(manager: EntityManager, tariffNumber: string, day: string): Promise<TariffRate | null> {
    const rows = await manager
      .getRepository(TariffRate)
      .createQueryBuilder("t")
      .where("t.tariff_number = :n AND t.valid_from <= :day AND (t.valid_to IS NULL OR t.valid_to >= :day)", { n: tariffNumber, day })
      .orderBy("t.valid_from", "DESC")
      .getMany();
    return rows[0] ?? null;
  }

  /**
   * DEC-R41 / DEC-R49 (OD-AFD art. 20 para. 3; LD art. 19 para. 2): the highest rate "for goods of
   * that kind". DESIGN CHOICE: goods of the same kind are those of the same tariff heading (the
   * first four digits); the highest specific rate of the heading in force on `day`.
   */
  async highestRateOfHeading(manager: EntityManager, tariffNumber: string, day: string): Promise<TariffRate | null> {
    const rows = await manager
      .getRepository(TariffRate)
      .createQueryBuilder("t")
      .where("t.tariff_number LIKE :heading AND t.valid_from <= :day AND (t.valid_to IS NULL OR t.valid_to >= :day)", { heading: `${tariffNumber.slice(0, 4)}.%`, day })
      .getMany();
    const specific = rows.filter(r => r.rateBasis === RateBasis.PER_100_KG_GROSS || r.rateBasis === RateBasis.PER_100_KG_NET);
    const pool = specific.length ? specific : rows;
    return pool.sort((a, b) => Number(b.rate) - Number(a.rate))[0] ?? null;
  }

  /**
   * DEC-R29: a new version of the selection rules and random rate; it applies to declarations
   * accepted from `activeFrom` on, and each selection records the version it used.
   */
  async publishRuleSet(principal: Principal, input: { randomRate: string; rules: SelectionRule[]; activeFrom: Date }, now: Date): Promise<SelectionRuleSet> {
    // DESIGN CHOICE: a rule set starts now or later; one dated back would claim to have selected
    // declarations that another version selected.
    if (input.activeFrom.getTime() < now.getTime()) requireFutureDate(input.activeFrom, now, { field: "input.activeFrom", rule: "DEC-R29", article: "OD-AFD art. 17 para. 1" });
    if (!/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/.test(input.randomRate)) throw new ValidationError("The random rate is a decimal from 0 to 1.", { field: "input.randomRate", rule: "DEC-R29", article: "OD-AFD art. 17 para. 1" });
    const ids = new Set<string>();
    input.rules.forEach((rule, i) => {
      if (ids.has(rule.id)) throw new ValidationError(`Rule id ${rule.id} is used twice.`, { field: `input.rules.${i}.id` });
      ids.add(rule.id);
      if (rule.when.minValueChf !== undefined && rule.when.minValueChf !== null && !/^\d{1,13}(\.\d{1,2})?$/.test(rule.when.minValueChf)) {
        throw new ValidationError("minValueChf is an amount in CHF.", { field: `input.rules.${i}.when.minValueChf` });
      }
    });
    return transaction(this.dataSource, async m => {
      const latest = await m.getRepository(SelectionRuleSet).createQueryBuilder("r").orderBy("r.version", "DESC").getOne();
      const clean = input.rules.map(r => ({ id: r.id, description: r.description, result: r.result, when: Object.fromEntries(Object.entries(r.when).filter(([, v]) => v !== null && v !== undefined)) }));
      return m.save(m.create(SelectionRuleSet, { version: (latest?.version ?? 0) + 1, randomRate: input.randomRate, rules: clean as SelectionRule[], activeFrom: input.activeFrom, createdBy: principal.subject ?? "officer" }));
    });
  }

  /** Officers maintain the tariff: a new rate closes the open period of the same number the day before. */
  async recordRate(input: { tariffNumber: string; description: string; rateBasis: RateBasis; rate: string; validFrom: string }): Promise<TariffRate> {
    if (!TARIFF_NUMBER.test(input.tariffNumber)) throw new ValidationError("A tariff number is NNNN.NNNN.", { field: "input.tariffNumber" });
    if (!/^\d{1,9}(\.\d{1,4})?$/.test(input.rate)) throw new ValidationError("A rate is a non-negative decimal with at most 4 decimals.", { field: "input.rate" });
    return transaction(this.dataSource, async m => {
      const existing = await m.findOneBy(TariffRate, { tariffNumber: input.tariffNumber, validFrom: input.validFrom });
      if (existing) throw refused("TARIFF_RATE_EXISTS", "A rate for this number already starts on that day.", { field: "input.validFrom" });
      const open = await m.getRepository(TariffRate).createQueryBuilder("t").where("t.tariff_number = :n AND t.valid_to IS NULL", { n: input.tariffNumber }).getOne();
      if (open) {
        if (open.validFrom >= input.validFrom) throw refused("TARIFF_RATE_OVERLAP", "The new rate must start after the current one.", { field: "input.validFrom" });
        const dayBefore = new Date(Date.parse(`${input.validFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        await m.update(TariffRate, { id: open.id }, { validTo: dayBefore });
      }
      return m.save(m.create(TariffRate, { id: randomUUID(), ...input, validTo: null }));
    });
  }
}
