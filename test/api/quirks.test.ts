/** Normalisation of LivePerson's XML-shaped JSON, with fixtures from the documented examples. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { booleanish, lastSegment, linksSchema, listOf, locationSchema, numberish } from '../../src/api/quirks';
import { hostToOrigin } from '../../src/api/domain';

describe('quirks', () => {
  it('reads a list of one sent as a bare object, and a missing list as empty', () => {
    const schema = z.object({ event: listOf(z.object({ n: z.number() })) });
    expect(schema.parse({ event: { n: 1 } }).event).toEqual([{ n: 1 }]);
    expect(schema.parse({}).event).toEqual([]);
    expect(schema.parse({ event: [{ n: 1 }, { n: 2 }] }).event).toHaveLength(2);
  });

  it('reads numbers sent as strings (ringingCount "0", maxChats "-1")', () => {
    expect(numberish.parse('0')).toBe(0);
    expect(numberish.parse('-1')).toBe(-1);
    expect(numberish.parse(4)).toBe(4);
    expect(numberish.safeParse('four').success).toBe(false);
  });

  it('reads booleans sent as strings, in any case ("true", "False"), and nothing else as one', () => {
    expect(booleanish.parse(true)).toBe(true);
    expect(booleanish.parse('true')).toBe(true);
    expect(booleanish.parse(' TRUE ')).toBe(true);
    expect(booleanish.parse('False')).toBe(false);
    expect(booleanish.safeParse('yes').success).toBe(false);
    expect(booleanish.safeParse(1).success).toBe(false);
  });

  it('reads links spelled @href/@rel (A11) and href/rel (A10, A12)', () => {
    expect(
      linksSchema.parse([
        { '@href': 'https://h/a/chat/K', '@rel': 'self' },
        { href: 'https://h/a/chat/K/events', rel: 'events' },
      ]),
    ).toEqual({ self: 'https://h/a/chat/K', events: 'https://h/a/chat/K/events' });
    expect(linksSchema.parse({ '@href': 'https://h/x', '@rel': 'next' })).toEqual({ next: 'https://h/x' });
  });

  it('takes the id from a location href (A1 agentSessionLocation)', () => {
    const href = locationSchema.parse({ link: { '@href': 'https://h/api/account/1/agentSession/1027882276', '@rel': 'location' } });
    expect(lastSegment(href)).toBe('1027882276');
    expect(locationSchema.safeParse({ link: { '@rel': 'location' } }).success).toBe(false);
  });

  it('reaches CSDS hosts with the scheme CSDS was reached with', () => {
    expect(hostToOrigin('va.agentvep.liveperson.net', 'https://api.liveperson.net')).toBe('https://va.agentvep.liveperson.net');
    expect(hostToOrigin('127.0.0.1:8090', 'http://127.0.0.1:8090')).toBe('http://127.0.0.1:8090');
  });
});
