// Unit tests of lib/teach/workflow.ts: the application workflow, questions → the tables that answer them.
import { describe, expect, it } from 'vitest';
import { proposeTable, songsBySession, TABLES, workflowEdges, workflowSvg } from '../../../lib/index';
import { assertWellFormedXml } from './well-formed-xml';
import { QUESTION_4, QUESTIONS } from '../../../lib/model/questions';

describe('workflow diagram', () => {
  const edgesOf = (svg: string) =>
    [...svg.matchAll(/<g class="edge" data-question="([^"]+)" data-table="([^"]+)"/g)].map((m) => `${m[1]} → ${m[2]}`);

  it("each table's own question → that table, with arrows", () => {
    const svg = workflowSvg(TABLES);
    assertWellFormedXml(svg);
    expect(edgesOf(svg)).toEqual(['Q1 → songs_by_session', 'Q2 → songs_by_user_session', 'Q3 → listeners_by_song']);
    expect((svg.match(/marker-end="url\(#arrow-[a-z0-9]+\)"/g) ?? []).length).toBe(3);
    expect(svg).toContain('PRIMARY KEY ((user_id, session_id), item_in_session ASC)');
  });

  it('with the four questions: the checker decides, and Q4 has no table until the proposed one is added', () => {
    const svg = workflowSvg(TABLES, QUESTIONS);
    assertWellFormedXml(svg);
    expect(edgesOf(svg)).toEqual(['Q1 → songs_by_session', 'Q2 → songs_by_user_session', 'Q3 → listeners_by_song']);
    expect(svg).toContain('data-question="Q4" data-served="false"');
    expect(svg).toContain('(no table serves it)');
    const withProposal = workflowSvg([...TABLES, proposeTable(QUESTION_4)], QUESTIONS);
    assertWellFormedXml(withProposal);
    expect(edgesOf(withProposal)).toContain('Q4 → songs_by_user');
    expect(withProposal).not.toContain('(no table serves it)');
    expect(workflowEdges(TABLES, QUESTIONS).questions.map((q) => q.name)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
  });

  it('question text is escaped', () => {
    const svg = workflowSvg([{ ...songsBySession, question: 'Songs <by> "session" & item' }]);
    assertWellFormedXml(svg);
    expect(svg).toContain('Songs &lt;by&gt; &quot;session&quot; &amp; item');
  });
});
