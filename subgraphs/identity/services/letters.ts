import fs from "node:fs";
import path from "node:path";
import type { Address } from "../entities/address";

/**
 * The verification letter (ID-R06 to ID-R08, ePortal steps 2-3) leaves the system by post. The
 * plain onboarding code exists only in the letter handed to the print service, never in the
 * database.
 */
export interface VerificationLetter {
  letterId: string;
  partnerId: string;
  recipient: string;
  address: Address;
  onboardingCode: string;
  validUntil: string;
  issuedAt: string;
}

export interface LetterDispatcher {
  send(letter: VerificationLetter): Promise<void>;
}

/**
 * Hands letters to the print service through a spool folder (one JSON file per letter), the
 * usual drop-folder interface of a print and mail provider. `LETTER_SPOOL_DIR` chooses the
 * folder (default `data/letters`); the provider deletes a file once printed.
 */
export class SpoolLetterDispatcher implements LetterDispatcher {
  constructor(private readonly dir: string) {}

  async send(letter: VerificationLetter): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const file = path.join(this.dir, `${letter.letterId}.json`);
    await fs.promises.writeFile(`${file}.tmp`, JSON.stringify(letter, null, 2), { mode: 0o600 });
    await fs.promises.rename(`${file}.tmp`, file);
  }

  /** Letters in the spool for a partner, newest last (for operators, the demo and tests). */
  async lettersFor(partnerId: string): Promise<VerificationLetter[]> {
    if (!fs.existsSync(this.dir)) return [];
    const letters: VerificationLetter[] = [];
    for (const name of await fs.promises.readdir(this.dir)) {
      if (!name.endsWith(".json")) continue;
      const letter = JSON.parse(await fs.promises.readFile(path.join(this.dir, name), "utf8")) as VerificationLetter;
      if (letter.partnerId === partnerId) letters.push(letter);
    }
    return letters.sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
  }
}
