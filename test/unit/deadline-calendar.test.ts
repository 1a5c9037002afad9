import { deadlinesWithoutCalendar } from '../../domain/deadline-calendar';

const at = (localDate: string) => new Date(`${localDate}T10:00:00+08:00`);
const endOf = (localDate: string) => new Date(`${localDate}T23:59:59.999+08:00`);

const working = (days: number) => ({ limit: { days, unit: 'working' } });
const calendar = (days: number) => ({ limit: { days, unit: 'calendar' } });
const event = (type: string, on: string, payload: unknown = null) => ({ type, occurredAt: at(on), payload });

/** A case applied on 2026-11-30 whose overall limit of 30 working days runs into 2027. */
const applied = {
  appliedAt: at('2026-11-30'),
  overallDueAt: endOf('2027-01-12'),
  events: [
    event('applicationReceived', '2026-11-30'),
    event('overallLimitStarted', '2026-11-30', working(30)),
  ],
};

describe('deadlinesWithoutCalendar: which of a case’s deadlines were counted on weekends alone', () => {
  test.each([
    [
      'a step within a loaded year; the overall limit into a missing one',
      {
        ...applied,
        dueAt: endOf('2026-12-03'),
        events: [...applied.events, event('stepOpened', '2026-11-30', working(3))],
      },
      [2026],
      { step: [], overall: [2027] },
    ],
    [
      'both loaded',
      {
        ...applied,
        dueAt: endOf('2026-12-03'),
        events: [...applied.events, event('stepOpened', '2026-11-30', working(3))],
      },
      [2026, 2027],
      { step: [], overall: [] },
    ],
    [
      'a step opened in December, due in January of a missing year',
      {
        ...applied,
        dueAt: endOf('2027-01-08'),
        events: [...applied.events, event('stepOpened', '2026-12-24', working(10))],
      },
      [2026],
      { step: [2027], overall: [2027] },
    ],
    [
      'the latest opening counts: the step before it ran into 2027, this one does not',
      {
        ...applied,
        dueAt: endOf('2026-12-10'),
        events: [
          ...applied.events,
          event('stepOpened', '2026-11-30', working(30)),
          event('stepDecided', '2026-12-01'),
          event('stepOpened', '2026-12-01', working(5)),
        ],
      },
      [2026],
      { step: [], overall: [2027] },
    ],
    [
      'a public notice counts calendar days: never marked',
      {
        ...applied,
        dueAt: endOf('2027-01-04'),
        events: [...applied.events, event('noticeStarted', '2026-12-28', { round: 1 })],
      },
      [2026],
      { step: [], overall: [2027] },
    ],
    [
      'a step a county limits in calendar days: never marked',
      {
        ...applied,
        dueAt: endOf('2027-01-04'),
        events: [...applied.events, event('stepOpened', '2026-12-28', calendar(7))],
      },
      [2026],
      { step: [], overall: [2027] },
    ],
    [
      'no open step, no overall limit (an enrolled case)',
      {
        appliedAt: at('2025-06-01'),
        dueAt: null,
        overallDueAt: null,
        events: [event('stepOpened', '2025-06-01', working(3))],
      },
      [],
      { step: [], overall: [] },
    ],
    [
      'an overall limit without its start event counts from the application',
      { appliedAt: at('2025-12-20'), dueAt: null, overallDueAt: endOf('2026-02-05'), events: [] },
      [2026],
      { step: [], overall: [2025] },
    ],
  ])('%s', (_name, c, loaded, expected) => {
    expect(deadlinesWithoutCalendar(c, loaded)).toEqual(expected);
  });
});
