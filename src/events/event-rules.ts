import { badInput } from '../common/errors';
import { codebookSubType, EVENT_CODEBOOK } from './event-codebook';
import { DatePrecision, type EventType } from './event.entity';

/** The fields of an event that must agree with each other; dates as YYYY-MM-DD. */
export interface EventCoding {
  type: EventType;
  subType: string | null;
  date: string | null;
  endDate: string | null;
  datePrecision: DatePrecision;
}

/**
 * Checks an event's coding as a whole (after an update merges in the stored values) and returns
 * it with the sub-type in its codebook spelling. Fields are named `input.<field>`.
 */
export function checkEventCoding(coding: EventCoding): EventCoding {
  let subType: string | null = null;
  if (coding.subType !== null) {
    subType = codebookSubType(coding.type, coding.subType);
    if (subType === null) {
      const valid = EVENT_CODEBOOK.find((entry) => entry.type === coding.type)?.subTypes.map((entry) => entry.name) ?? [];
      throw badInput(
        'input.subType',
        `"${coding.subType.slice(0, 60)}" is not a sub-type of ${coding.type}; use one of: ${valid.join('; ')}`,
      );
    }
  }
  if (coding.date === null && coding.datePrecision !== DatePrecision.UNKNOWN) {
    throw badInput(
      'input.date',
      `An event dated to the ${coding.datePrecision.toLowerCase()} needs a date; without one, use datePrecision UNKNOWN`,
    );
  }
  if (coding.endDate !== null && coding.date === null) throw badInput('input.endDate', 'An end date needs a date to start from');
  if (coding.endDate !== null && coding.date !== null && coding.endDate < coding.date) {
    throw badInput('input.endDate', 'An event cannot end before it starts');
  }
  return { ...coding, subType };
}
