import type { EntityManager } from 'typeorm';
import type { PlaceInput } from './event.inputs';
import { Place } from './place.entity';
import { requiredText } from '../common/text-input';

/**
 * The place row for this input: an identical existing row is reused (so events at "Amarah,
 * Maysan, IQ" share one), else a new one is inserted. Place rows are never changed afterwards:
 * an event that moves gets another row, so editing one event never moves another.
 */
export async function findOrCreatePlace(manager: EntityManager, input: PlaceInput): Promise<Place> {
  const fields = {
    name: requiredText(input.name, 'input.place.name'),
    admin1: input.admin1?.trim() || null,
    admin2: input.admin2?.trim() || null,
    country: input.country ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    geonamesId: input.geonamesId ?? null,
  };
  // Serialise creators of the same place so two concurrent events do not insert it twice.
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`place:${JSON.stringify(fields)}`]);
  const places = manager.getRepository(Place);
  const existing = await places
    .createQueryBuilder('place')
    .where('place.name = :name', fields)
    .andWhere('place.admin1 IS NOT DISTINCT FROM CAST(:admin1 AS text)', fields)
    .andWhere('place.admin2 IS NOT DISTINCT FROM CAST(:admin2 AS text)', fields)
    .andWhere('place.country IS NOT DISTINCT FROM CAST(:country AS char(2))', fields)
    .andWhere('place.latitude IS NOT DISTINCT FROM CAST(:latitude AS double precision)', fields)
    .andWhere('place.longitude IS NOT DISTINCT FROM CAST(:longitude AS double precision)', fields)
    .andWhere('place.geonamesId IS NOT DISTINCT FROM CAST(:geonamesId AS text)', fields)
    .orderBy('place.id', 'ASC')
    .getOne();
  return existing ?? places.save(places.create(fields));
}
