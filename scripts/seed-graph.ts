import type { DataSource } from 'typeorm';
import { normalizeNameForSearch } from '../src/nlp/normalize-name';

const PLACES = [
  ['Amarah', 'Maysan'],
  ['Basra', 'Basra'],
  ['Nasiriyah', 'Dhi Qar'],
  ['Kut', 'Wasit'],
  ['Najaf', 'Najaf'],
  ['Baghdad', 'Baghdad'],
];
const TYPES = ['BATTLES', 'VIOLENCE_AGAINST_CIVILIANS', 'EXPLOSIONS_REMOTE_VIOLENCE', 'RIOTS', 'PROTESTS', 'STRATEGIC_DEVELOPMENTS'];

/**
 * Actors, events and the links between them and the corpus claims, for query plans and
 * benchmarks (the corpus command makes articles and claims only). Deterministic: ids and
 * modular arithmetic decide everything. Does nothing when the database has actors already.
 */
export async function seedGraph(db: DataSource, actorCount = 1000, eventCount = 5000): Promise<void> {
  const [{ n }] = await db.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM actor`);
  if (n > 0) return;
  await db.transaction(async (manager) => {
    const names = Array.from({ length: actorCount }, (_, i) => `Synthetic Actor ${String(i).padStart(4, '0')} al-Example`);
    await manager.query(
      `INSERT INTO actor (name, kind, search_name)
       SELECT name, (ARRAY['PERSON','ORGANIZATION','ARMED_GROUP','POLITICAL_PARTY']::actor_kind[])[1 + i % 4], key
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS a(name, key, i)`,
      [names, names.map(normalizeNameForSearch)],
    );
    await manager.query(
      `INSERT INTO actor_alias (actor_id, name, search_name) SELECT id, 'Alias of ' || name, 'alias of ' || search_name FROM actor`,
    );
    await manager.query(
      `INSERT INTO place (name, admin1, country) SELECT p[1], p[2], 'IQ' FROM (SELECT ARRAY[name, admin1] AS p
       FROM unnest($1::text[], $2::text[]) AS t(name, admin1)) places`,
      [PLACES.map((p) => p[0]), PLACES.map((p) => p[1])],
    );
    await manager.query(
      `INSERT INTO event (type, date, date_precision, place_id, description)
       SELECT ($1::event_type[])[1 + i % 6],
              CASE WHEN i % 10 = 0 THEN NULL ELSE DATE '2024-01-01' + (i * 7919 % 900) END,
              CASE WHEN i % 10 = 0 THEN 'UNKNOWN'::date_precision ELSE 'DAY'::date_precision END,
              (SELECT min(id) FROM place) + i % $2, 'Synthetic event ' || i || ': protest and arrests reported'
       FROM generate_series(1, $3) AS i`,
      [TYPES, PLACES.length, eventCount],
    );
    await manager.query(
      `INSERT INTO event_participant (event_id, actor_id, role)
       SELECT e.id, a.id, 'PARTICIPANT' FROM event e
       JOIN actor a ON a.id IN ((SELECT min(id) FROM actor) + e.id % $1, (SELECT min(id) FROM actor) + (e.id * 7) % $1)
       ON CONFLICT DO NOTHING`,
      [actorCount],
    );
    await manager.query(
      `UPDATE claim SET claimant_id = (SELECT min(id) FROM actor) + claim.id % $1 WHERE claim.id % 3 <> 0 AND claimant_id IS NULL`,
      [actorCount],
    );
    await manager.query(
      `INSERT INTO claim_subject (claim_id, actor_id) SELECT c.id, (SELECT min(id) FROM actor) + (c.id * 13) % $1 FROM claim c
       ON CONFLICT DO NOTHING`,
      [actorCount],
    );
    await manager.query(
      `INSERT INTO claim_event (claim_id, event_id) SELECT c.id, (SELECT min(id) FROM event) + c.id % $1 FROM claim c
       ON CONFLICT DO NOTHING`,
      [eventCount],
    );
    await manager.query(
      `INSERT INTO actor_relation (actor_id, type, target_id)
       SELECT a.id, 'ALLIED_WITH', (SELECT min(id) FROM actor) + (a.id + 1) % $1 FROM actor a
       WHERE a.id <> (SELECT min(id) FROM actor) + (a.id + 1) % $1 ON CONFLICT DO NOTHING`,
      [actorCount],
    );
    await manager.query(
      `INSERT INTO actor_relation_evidence (relation_id, claim_id, organization_id)
       SELECT r.id, c.id, c.organization_id FROM actor_relation r
       JOIN claim c ON c.id = (SELECT min(id) FROM claim) + r.id % (SELECT count(*) FROM claim) ON CONFLICT DO NOTHING`,
    );
  });
}
