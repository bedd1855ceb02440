import { createActor } from '../actors/actor.service';
import { Actor } from '../actors/actor.entity';
import type { Context } from '../context';
import { createEvent } from '../events/event.service';
import { demoActors, demoEvents } from './demo-actors';

/**
 * Loads the demo actors and events when the database has no actor yet, through the services
 * (so they are validated and audited like any other write). The relation between Saraya al-Salam
 * and the Sadrist movement needs an evidence claim, so it comes with the demo claims.
 */
export async function loadDemoActors(ctx: Context): Promise<{ actors: number; events: number }> {
  if ((await ctx.db.getRepository(Actor).count()) > 0) return { actors: 0, events: 0 };
  const idByName = new Map<string, string>();
  for (const demo of demoActors) {
    const actor = await createActor(ctx, demo);
    idByName.set(demo.name, actor.nodeId);
  }
  for (const demo of demoEvents) {
    await createEvent(ctx, {
      ...demo,
      date: demo.date !== undefined ? new Date(`${demo.date}T00:00:00Z`) : undefined,
      endDate: demo.endDate !== undefined ? new Date(`${demo.endDate}T00:00:00Z`) : undefined,
      participants: demo.participants.map(({ actor, role }) => ({ actorId: idByName.get(actor) as string, role })),
    });
  }
  return { actors: demoActors.length, events: demoEvents.length };
}
