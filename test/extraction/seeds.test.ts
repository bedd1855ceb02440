import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SentenceRole } from '../../src/nlp/sentence-roles';
import { extractBody } from './extraction-fixtures';

/** The two seed reports beside the repository (../shared/seeds/, there in CI too). */
const seed = (name: string) => readFileSync(path.resolve(__dirname, '..', '..', '..', 'shared', 'seeds', name), 'utf8');

describe('the first seed report', () => {
  const { sentences, furniture, extraction } = extractBody(seed('000_7db6a5ab557d70fb.txt'), null);
  const claim = (piece: string) => extraction.claims.find((c) => c.exact.includes(piece));

  it('reads the dateline: its date is the publication day, its place Maysan', () => {
    expect(furniture.roles[0]).toBe(SentenceRole.DATELINE);
    expect(furniture).toMatchObject({ datelineDate: '2026-01-03', datelinePlace: 'Maysan' });
  });

  it("gives al-Khazali's warning, statement and description of the attacks, al-Sadr's accusation and the source's report", () => {
    expect(claim('ongoing attempts')).toMatchObject({ claimantId: 'Qais al-Khazali', kind: 'STATEMENT', statedOn: '2026-01-03' });
    expect(claim('exploiting security incidents')).toMatchObject({ claimantId: 'Qais al-Khazali', kind: 'STATEMENT' });
    expect(claim('disavows anyone')).toMatchObject({ claimantId: 'Qais al-Khazali' });
    expect(claim('the attacks as')).toMatchObject({ claimantId: 'Qais al-Khazali', kind: 'STATEMENT' });
    expect(claim('brazen militias')).toMatchObject({ claimantId: 'Muqtada al-Sadr', kind: 'ALLEGATION' });
    expect(claim('arrest warrants')).toMatchObject({ claimantId: null, kind: 'REPORT' });
    // "what he described as sedition" is the outlet's paraphrase, not a claim of its own.
    expect(extraction.claims.filter((c) => c.exact.startsWith('sedition'))).toEqual([]);
  });

  it('mentions the groups, the movement and its acronym, and the people the text names', () => {
    const named = (text: string) => extraction.mentions.filter((m) => m.text === text).map((m) => m.actorId);
    expect(named('Asaib Ahl Al-Haq').length).toBeGreaterThanOrEqual(4);
    expect(new Set(named('Asaib Ahl Al-Haq'))).toEqual(new Set(["Asa'ib Ahl al-Haq"]));
    expect(named('Saraya Al-Salam')).toEqual(['Saraya al-Salam', 'Saraya al-Salam']);
    expect(named('Patriotic Shiite Movement')).toEqual(['Patriotic Shiite Movement']);
    expect(named('PSM')).toEqual(['Patriotic Shiite Movement']);
    expect(named('Al-Sadr')[0]).toBe('Muqtada al-Sadr');
    for (const person of ['Wissam Al-Alawi', 'Hussein Al-Allaq', 'Mustafa Daeer']) expect(named(person)[0]).toBeNull();
  });

  it('dates "on Saturday" 2026-01-03 and "on Friday" 2026-01-02', () => {
    const times = extraction.timeExpressions.flat();
    expect(times).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: 'on Saturday', date: '2026-01-03', precision: 'DAY' }),
        expect.objectContaining({ text: 'on Friday', date: '2026-01-02', precision: 'DAY' }),
      ]),
    );
    expect(sentences.length).toBeGreaterThan(10);
  });
});

describe('the second seed report', () => {
  const { sentences, furniture, extraction } = extractBody(seed('003_45ee7243eb00aa01.txt'), new Date('2025-06-21T00:00:00Z'));

  it('keeps "[1]" with its sentence and tells the time stamp and the headline from the body', () => {
    expect(sentences.some((s) => s.text.endsWith("high-ranking Shi'ite leaders.[1]"))).toBe(true);
    expect(sentences.some((s) => s.text.trim() === '[1]')).toBe(false);
    expect(furniture.roles.slice(0, 3)).toEqual([SentenceRole.DATELINE, SentenceRole.HEADLINE, SentenceRole.BODY]);
    // The headline's verbs ("Condemns", "Warns", "Urges") propose nothing: the body carries the claims.
    expect(extraction.claims.some((c) => c.sentenceIndex === 1)).toBe(false);
  });

  it("gives al-Khazali's statements, through pronouns and 'the secretary-general' too", () => {
    const claimants = extraction.claims.map((c) => c.claimantId);
    expect(claimants.filter((id) => id === 'Qais al-Khazali').length).toBeGreaterThanOrEqual(6);
    expect(extraction.claims.find((c) => c.exact.includes('regions'))).toMatchObject({ claimantId: 'Qais al-Khazali' });
    expect(extraction.claims.find((c) => c.exact.includes('international community'))).toMatchObject({ claimantId: 'Qais al-Khazali' });
    expect(extraction.mentions.filter((m) => m.text === "Asa'ib Ahl Al-Haqq").map((m) => m.actorId)).toEqual(["Asa'ib Ahl al-Haq"]);
    expect(extraction.timeExpressions.flat()).toEqual(
      expect.arrayContaining([expect.objectContaining({ text: 'On June 20, 2025', date: '2025-06-20', precision: 'DAY' })]),
    );
  });
});
