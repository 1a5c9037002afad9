import { MemoryStore, type SessionData } from 'express-session';
import { promisify } from 'node:util';
import { touchAtMostEvery } from '../../api/console/session-touch';

const FIVE_MINUTES = 5 * 60_000;
const session = (expires: number) =>
  ({ cookie: { expires: new Date(expires), originalMaxAge: 8 * 3600_000 }, userId: 'u1' }) as SessionData;

/** A MemoryStore whose renewals are counted, behind the throttle, on a clock the test moves. */
function world() {
  let clock = 1_000_000;
  const inner = new MemoryStore();
  let touches = 0;
  const touch = inner.touch.bind(inner);
  inner.touch = (sid, sess, callback) => {
    touches++;
    touch(sid, sess, callback);
  };
  const store = touchAtMostEvery(inner, FIVE_MINUTES, () => clock);
  return {
    touch: (sid: string) => promisify(store.touch!.bind(store))(sid, session(clock + 8 * 3600_000)),
    set: (sid: string) => promisify(store.set.bind(store))(sid, session(clock + 8 * 3600_000)),
    destroy: (sid: string) => promisify(store.destroy.bind(store))(sid),
    advance: (ms: number) => (clock += ms),
    touches: () => touches,
  };
}

describe('a session is renewed at most once every interval per process', () => {
  test.each([
    { name: 'first use renews', steps: ['touch'], touches: 1 },
    { name: 'a second use inside the interval does not', steps: ['touch', '+4:59', 'touch'], touches: 1 },
    { name: 'a use at the interval renews again', steps: ['touch', '+5:00', 'touch'], touches: 2 },
    {
      name: 'many uses over 12 minutes renew three times',
      steps: ['touch', '+1', 'touch', '+4', 'touch', '+1', 'touch', '+6', 'touch', '+1', 'touch'],
      touches: 3,
    },
    { name: 'a save (sign-in) counts as a renewal', steps: ['set', '+1', 'touch'], touches: 0 },
    { name: 'a save long ago does not', steps: ['set', '+6', 'touch'], touches: 1 },
    {
      name: 'a destroyed session is forgotten',
      steps: ['touch', 'destroy', 'set:other', 'touch'],
      touches: 2,
    },
  ])('$name', async ({ steps, touches }) => {
    const w = world();
    for (const step of steps) {
      if (step === 'touch') await w.touch('s1');
      else if (step === 'set') await w.set('s1');
      else if (step === 'set:other') await w.set('s2');
      else if (step === 'destroy') await w.destroy('s1');
      else {
        const [minutes, seconds = '0'] = step.slice(1).split(':');
        w.advance(Number(minutes) * 60_000 + Number(seconds) * 1000);
      }
    }
    expect(w.touches()).toBe(touches);
  });

  test('sessions are counted apart', async () => {
    const w = world();
    await w.touch('a');
    await w.touch('b');
    await w.touch('a');
    expect(w.touches()).toBe(2);
  });
});
