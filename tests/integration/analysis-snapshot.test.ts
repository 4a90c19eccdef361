/**
 * The whole-graph read (`analysisSnapshot`, cypher/app/analysis-nodes.cypher and analysis-edges.cypher) against the
 * real Neo4j: every fixture entity and relationship comes back exactly as the fixtures hold it, and entities written
 * by another tool (a kind only in the labels, an unknown kind property, no id, a record id of their own, a list where
 * a date should be, listings in another order) are read as a node read one by one (`fetchEntities`) reads them, and a
 * trace read from the database (`upstreamSubgraph`) keys a holder without an id as the whole graph does. The
 * listings are read apart from the entities (cypher/app/analysis-listings.cypher) and joined to them by key.
 */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { analysisSnapshot, neighbours } from '../../src/db/explore-repository.ts';
import { fetchEntities, upstreamSubgraph } from '../../src/db/graph-repository.ts';
import { readFixtures } from '../../src/db/seed.ts';
import type { OwnershipSnapshot, SnapshotEdge } from '../../src/domain/snapshot.ts';
import { fixtureDatabase, uniqueId } from './helpers.ts';

let db: Database;
const fixtures = readFixtures();
const tag = uniqueId('foreign');
let snapshot: OwnershipSnapshot;

beforeAll(async () => {
  db = await fixtureDatabase();
  // An id of '' can be held by one relationship only (relationship ids are unique): one left by an interrupted run of
  // this file (its dataset is a tag like this run's) goes first.
  await db.write((tx) =>
    tx.run("MATCH ()-[r:OWNS {id: ''}]->() WHERE r.sourceDataset STARTS WITH $prefix DELETE r", {
      prefix: tag.replace(/[^_]*$/, ''),
    }),
  );
  // Written as another tool would: Cypher straight into the database, not through the import.
  await db.write((tx) =>
    tx.run(
      `CREATE (:Entity:Person {id: $tag + '-person', kind: 'Human', name: 'Foreign Person', sourceDataset: $tag,
                               sourceRecordId: 'R-1', sourceDate: date('2024-05-06')})
       CREATE (c:Entity:Government {id: $tag + '-gov', name: 'Foreign Government', sourceDataset: $tag,
                                    sourceRecordId: $tag + '-gov', sourceDate: ['2024-05-06']})
       CREATE (x:Entity:Company {name: 'Company Without Id', sourceDataset: $tag})
       CREATE (:Entity:Company {id: $tag + '-unnamed', sourceDataset: $tag, sourceRecordId: $tag + '-unnamed'})
       CREATE (:Entity:Company {id: $tag + '-numbered', name: 7, sourceDataset: $tag, sourceRecordId: true})
       CREATE (c)-[:OWNS {percent: 40, sourceDataset: $tag, sourceRecordId: true}]->(x)
       CREATE (x)-[:OWNS {id: $tag + '-stake', percent: 60, sourceDataset: $tag}]->
              (f:Entity:Facility {id: $tag + '-facility', name: 'Foreign Facility', sourceDataset: $tag})
       CREATE (:Entity:Company {id: $tag + '-int-holder', name: 'Integer Id Holder', sourceDataset: $tag})
              -[:OWNS {id: $intId, percent: 10, sourceDataset: $tag, sourceRecordId: $intId}]->(f)
       CREATE (:Entity:Company {id: $tag + '-blank-holder', name: 'Blank Id Holder', sourceDataset: $tag})
              -[:OWNS {id: '', percent: 15, sourceDataset: $tag}]->(f)
       WITH x
       MATCH (p:Entity {id: $tag + '-person'})
       CREATE (p)-[:LISTED_ON]->(:Listing {id: $tag + '-l2', authority: 'OFAC', program: 'SDGT',
                                           listed: date('2021-03-04'), delisted: date('2022-01-02')})
       CREATE (p)-[:LISTED_ON]->(:Listing {id: $tag + '-l1', authority: 'OFAC', program: 'SDGT',
                                           listed: date('2019-01-02')})
       CREATE (p)-[:LISTED_ON]->(:Listing {id: $tag + '-l3', authority: 'EU', program: 'RUSSIA'})
       CREATE (x)-[:LISTED_ON]->(:Listing {id: $tag + '-l4', authority: 'UK', program: 'RUSSIA'})`,
      // An integer of its own: relationship ids are unique in the database.
      { tag, intId: neo4j.int(Math.floor(Math.random() * 2 ** 40)) },
    ),
  );
  snapshot = await analysisSnapshot(db);
}, 300_000);

afterAll(async () => {
  await db?.write((tx) => tx.run('MATCH (n:Entity {sourceDataset: $tag}) DETACH DELETE n', { tag }));
  await db?.write((tx) => tx.run('MATCH (l:Listing) WHERE l.id STARTS WITH $tag DETACH DELETE l', { tag }));
  await db?.close();
});

describe('analysisSnapshot', { timeout: 300_000 }, () => {
  it('reads every fixture entity and relationship exactly as the fixtures hold them', () => {
    const nodes = new Map(snapshot.nodes.map((n) => [n.key, n]));
    for (const node of fixtures.nodes) expect(nodes.get(node.key), node.key).toEqual(node);
    const edges = new Map(snapshot.edges.map((e) => [e.key, e]));
    let compared = 0;
    for (const edge of fixtures.edges) {
      // The engine never counts LINKED_TO, so the whole-graph read leaves it out.
      if (edge.attributes.kind === 'LINKED_TO') {
        expect(edges.has(edge.key)).toBe(false);
        continue;
      }
      expect(edges.get(edge.key), edge.key).toEqual(edge);
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it('reads entities written by another tool as a node read one by one', async () => {
    const foreign = snapshot.nodes.filter((n) => n.attributes.source?.dataset === tag);
    expect(foreign).toHaveLength(8);
    // A record id that is not text (a boolean) is none, whichever reader.
    expect(foreign.find((n) => n.key === `${tag}-numbered`)!.attributes.source).toEqual({ dataset: tag });
    const ids = ['person', 'gov', 'unnamed', 'numbered'].map((id) => `${tag}-${id}`);
    const byId = await db.read((tx) => fetchEntities(tx, ids));
    expect(byId).toHaveLength(4);
    for (const one of byId) expect(foreign.find((n) => n.key === one.key)).toEqual(one);
    // No name (or one that is not text): the id stands in.
    for (const id of ['unnamed', 'numbered'])
      expect(foreign.find((n) => n.key === `${tag}-${id}`)!.attributes.name).toBe(`${tag}-${id}`);
    const person = foreign.find((n) => n.key === `${tag}-person`)!;
    // An unknown kind property: the label decides.
    expect(person.attributes).toMatchObject({
      kind: 'Person',
      source: { dataset: tag, recordId: 'R-1', date: '2024-05-06' },
    });
    // Listings in one order, by authority, program and dates, whichever order they were written in.
    expect(person.attributes.sanctions).toEqual([
      { authority: 'EU', program: 'RUSSIA' },
      { authority: 'OFAC', program: 'SDGT', listed: '2019-01-02' },
      { authority: 'OFAC', program: 'SDGT', listed: '2021-03-04', delisted: '2022-01-02' },
    ]);
    // A date that is not one (a list): left out, and the read goes on.
    const government = foreign.find((n) => n.key === `${tag}-gov`)!;
    expect(government.attributes.kind).toBe('Government');
    // A record id equal to the id (sent as `true` by the whole-graph read) is that id.
    expect(government.attributes.source).toEqual({ dataset: tag, recordId: `${tag}-gov` });
    // No id: the key is the element id, and the name is not replaced by it.
    const anonymous = foreign.find((n) => n.attributes.name === 'Company Without Id')!;
    expect(anonymous.attributes.kind).toBe('Company');
    expect(anonymous.attributes.source).toEqual({ dataset: tag });
    // Its listing found by that key.
    expect(anonymous.attributes.sanctions).toEqual([{ authority: 'UK', program: 'RUSSIA' }]);
    const stake = snapshot.edges.find((e) => e.target === anonymous.key);
    expect(stake).toMatchObject({ source: `${tag}-gov`, attributes: { kind: 'OWNS', percent: 40 } });
    expect(stake!.attributes.source).toEqual({ dataset: tag });
  });

  it('gives a trace read from the database the relationships of a holder without an id, as the whole graph has them', async () => {
    const trace = await upstreamSubgraph(db, `${tag}-facility`);
    const anonymous = snapshot.nodes.find((n) => n.attributes.name === 'Company Without Id')!;
    const keys = (edges: SnapshotEdge[]) => edges.map((e) => `${e.source}->${e.target}`).sort();
    const inTrace = new Set(trace!.nodes.map((n) => n.key));
    expect(inTrace).toContain(anonymous.key);
    expect(keys(trace!.edges)).toEqual(
      keys(snapshot.edges.filter((e) => inTrace.has(e.source) && inTrace.has(e.target))),
    );
    expect(keys(trace!.edges)).toContain(`${anonymous.key}->${tag}-facility`);
  });

  it('keys relationships whose id is not text by their element ids, the same in a trace as in the whole graph', async () => {
    const trace = await upstreamSubgraph(db, `${tag}-facility`);
    const into = (edges: SnapshotEdge[]) =>
      edges
        .filter((e) => e.target === `${tag}-facility`)
        .map((e) => e.key)
        .sort();
    // Before, an id of '' or a number left the trace one relationship under a key of '' for all of them.
    expect(into(trace!.edges)).toHaveLength(3);
    expect(new Set(into(trace!.edges)).size).toBe(3);
    expect(into(trace!.edges)).toEqual(into(snapshot.edges));
    expect(into(trace!.edges)).not.toContain('');
    const numbered = snapshot.edges.find((e) => e.source === `${tag}-int-holder`)!;
    expect(numbered.attributes.percent).toBe(10);
    // A record id that is a number is none (as every reader of text takes it), not the key standing in for it.
    expect(numbered.attributes.source).toEqual({ dataset: tag });
    expect(trace!.edges.find((e) => e.source === `${tag}-int-holder`)!.attributes.source).toEqual({ dataset: tag });
  });

  it('expands an entity without an id, and shows it among the neighbours of others, by the key the trace gives it', async () => {
    const anonymous = snapshot.nodes.find((n) => n.attributes.name === 'Company Without Id')!;
    const own = await neighbours(db, anonymous.key);
    expect(own!.snapshot.nodes.map((n) => n.key).sort()).toEqual(
      [anonymous.key, `${tag}-facility`, `${tag}-gov`].sort(),
    );
    expect(own!.snapshot.nodes.find((n) => n.key === anonymous.key)).toEqual(anonymous);
    const ends = (edges: SnapshotEdge[]) => edges.map((e) => `${e.source}->${e.target}`).sort();
    expect(ends(own!.snapshot.edges)).toEqual(
      [`${anonymous.key}->${tag}-facility`, `${tag}-gov->${anonymous.key}`].sort(),
    );
    const ofFacility = await neighbours(db, `${tag}-facility`);
    expect(ofFacility!.snapshot.nodes.map((n) => n.key)).toContain(anonymous.key);
    expect(ends(ofFacility!.snapshot.edges)).toContain(`${anonymous.key}->${tag}-facility`);
  });
});
