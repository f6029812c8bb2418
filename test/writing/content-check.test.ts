import { describe, expect, it } from 'vitest';
import { checkContent, ibanValid, luhnValid } from '../../src/writing/content-check.ts';

const kinds = (text: string) => checkContent([text]).map((i) => i.kind);

describe('content check', () => {
  it('matches profanity on word boundaries: no "class", "assess", "hello", "Scunthorpe" or "cocktail" false positives', () => {
    for (const clean of ['This class will assess your passion.', 'Hello, shell scripts!', 'Scunthorpe United', 'A cocktail of classic bass lines', 'Dickens wrote it; the assistant shipped it.']) expect(kinds(clean), clean).toEqual([]);
    expect(kinds('What the fuck is this?')).toEqual(['profanity']);
    expect(kinds('Do not be an ass.')).toEqual(['profanity']);
    expect(checkContent(['Holy SHIT.'])[0]!.message).toContain('"shit"');
  });

  it('finds e-mail addresses, phone numbers, Luhn-valid card numbers, IBANs and US SSNs', () => {
    expect(kinds('Write to jane.doe@example.com today')).toEqual(['pii']);
    expect(kinds('Call 555-123-4567 now')).toEqual(['pii']);
    expect(kinds('Call +44 20 7946 0958 now')).toEqual(['pii']);
    expect(kinds('Card 4111 1111 1111 1111 expires')).toEqual(['pii']);
    expect(kinds('Card 4111 1111 1111 1112 expires'), 'fails Luhn').toEqual([]);
    expect(kinds('IBAN GB82 WEST 1234 5698 7654 32')).toEqual(['pii']);
    expect(kinds('My SSN is 123-45-6789')).toEqual(['pii']);
    expect(kinds('In 1969, 600 million people watched; 3.14 is pi.')).toEqual([]);
    // The message never repeats the number in full.
    expect(checkContent(['Card 4111 1111 1111 1111'])[0]!.message).not.toContain('4111 1111 1111 1111');
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
  });

  it('asks for a disclaimer on medical and financial topics, with the fix', () => {
    const money = checkContent(['Put your savings into index funds and watch the returns.']);
    expect(money.map((i) => i.kind)).toEqual(['financial-disclaimer']);
    expect(money[0]!.fix).toBe("add 'This is not financial advice.' to the outro");
    expect(kinds('Put your savings into index funds. This is not financial advice.')).toEqual([]);
    expect(kinds('These supplements cure insomnia.')).toEqual(['medical-disclaimer']);
    expect(kinds('These supplements help. This is not medical advice; talk to your doctor.')).toEqual([]);
  });
});
