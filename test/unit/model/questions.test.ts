// Tests for lib/model/questions: each question's asked values line up with its markers, and the titles
// and tables derived from the questions say what the exercise says.
import { describe, expect, it } from 'vitest';
import {
  askedText,
  askedTitle,
  askedValues,
  CLASSIC_PARAMETERS,
  QUESTION_1,
  QUESTION_2,
  QUESTION_3,
  QUESTION_VALUES,
  QUESTIONS,
} from '../../../lib/model/questions';
import { TABLES } from '../../../lib/model/tables';

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

describe('questions', () => {
  it.each(QUESTIONS.map((q) => [q.name, q] as const))(
    '%s asks with one value per restricted column, in marker order',
    (_, q) => {
      expect(Object.keys(q.asked).map(snake)).toEqual(q.equals);
    },
  );

  it.each([
    [QUESTION_1, [338, 4], 'Q1: artist, song and length for sessionId = 338, itemInSession = 4'],
    [QUESTION_2, [10, 182], "Q2: artist, song (by itemInSession) and user's name for userId = 10, sessionId = 182"],
    [
      QUESTION_3,
      ['All Hands Against His Own'],
      "Q3: first and last name of every user who played the song for song = 'All Hands Against His Own'",
    ],
  ] as const)("%#: the exercise's values and title", (q, values, title) => {
    expect(askedValues(q)).toEqual(values);
    expect(QUESTION_VALUES[q.name]).toEqual(values);
    expect(askedTitle(q)).toBe(title);
  });

  it('quotes a title like CQL: a quote inside a song doubles', () => {
    expect(askedText({ ...QUESTION_3, asked: { song: "Don't Stop" } })).toBe("song = 'Don''t Stop'");
  });

  it('gives the typed queries the same values', () => {
    expect(CLASSIC_PARAMETERS).toEqual({
      songInSession: { sessionId: 338, itemInSession: 4 },
      sessionPlaylist: { userId: 10, sessionId: 182 },
      listenersOf: { song: 'All Hands Against His Own' },
    });
  });

  it.each(TABLES.map((t, i) => [t.name, t, QUESTIONS[i]] as const))(
    "table %s is the question's: its words, lookup and returns",
    (_, t, q) => {
      expect(t.question).toBe(q.text);
      expect(t.lookup).toEqual(q.equals);
      expect(t.returns).toEqual(q.returns);
    },
  );
});
