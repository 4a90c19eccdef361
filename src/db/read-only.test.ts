import { isInt } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import {
  checkPlan,
  jsonToDriverParams,
  QueryRefusedError,
  QueryRejectedError,
  screenQueryText,
  stripCommentsAndStrings,
} from './read-only.ts';

describe('screenQueryText (the lexical layer)', () => {
  const refused: [string, RegExp][] = [
    ["LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", /LOAD CSV/],
    ["load  csv with headers from 'https://example.com/x.csv' AS row RETURN row", /LOAD CSV/],
    ['USE system SHOW USERS', /USE/],
    ['MATCH (n) RETURN n UNION USE other MATCH (n) RETURN n', /USE/],
    ['CALL { USE other MATCH (n) RETURN n } RETURN n', /USE/],
    ['SHOW USERS', /administration/],
    ['SHOW CURRENT USER', /administration/],
    ['SHOW TRANSACTIONS', /administration/],
    ['SHOW SETTINGS', /administration/],
    ["CREATE USER eve SET PASSWORD 'secret-password'", /administration/],
    ["ALTER USER neo4j SET PASSWORD 'x'", /ALTER/],
    ['GRANT ROLE admin TO eve', /GRANT/],
    ['DROP DATABASE neo4j', /administration/],
    ['CREATE DATABASE other', /administration/],
    ['CREATE OR REPLACE DATABASE other', /administration/],
    ['TERMINATE TRANSACTIONS "neo4j-transaction-1"', /administration/],
    ["CALL dbms.setConfigValue('db.logs.query.enabled', 'OFF')", /dbms/],
    ['CALL dbms.security.createUser("eve", "x", false)', /dbms/],
    ['RETURN dbms.components()', /dbms/],
    ["CALL db.createLabel('Evil')", /db\.createLabel is refused/],
    ["CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})", /apoc\.periodic\.iterate is refused/],
    ['CALL `apoc`.`create`.node(["X"], {})', /apoc\.create\.node is refused/],
    ["RETURN apoc.cypher.runFirstColumnSingle('MATCH (n) DETACH DELETE n', {})", /apoc\.cypher\.runFirstColumnSingle/],
    ["MATCH (n) CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value", /apoc\.load\.json/],
  ];
  it.each(refused)('refuses %s', (query, message) => {
    expect(() => screenQueryText(query)).toThrow(QueryRefusedError);
    expect(() => screenQueryText(query)).toThrow(message);
  });

  const passed = [
    'MATCH (n:Entity) RETURN n LIMIT 5',
    "MATCH (n) WHERE n.name = 'LOAD CSV FROM x' RETURN n // CALL apoc.x()",
    'CALL db.labels()',
    'CALL db.labels() YIELD label RETURN label',
    "CALL db.index.fulltext.queryNodes('entity_search', 'taiga') YIELD node RETURN node",
    'MATCH (n) CALL (n) { RETURN n.name AS name } RETURN name',
    'CALL { MATCH (n) RETURN n } RETURN n',
    'SHOW INDEXES',
    'MATCH (n) WHERE n.users > 1 RETURN n.show, n.use',
    'WITH 1 AS use RETURN use',
    'RETURN apoc.coll.sum([1, 2])',
  ];
  it.each(passed)('lets through %s', (query) => {
    expect(() => screenQueryText(query)).not.toThrow();
  });

  it.each([
    '',
    '  // only a comment',
    'EXPLAIN MATCH (n) RETURN n',
    'PROFILE MATCH (n) RETURN n',
    'RETURN 1; RETURN 2',
  ])('rejects %j as not one usable statement', (query) => {
    expect(() => screenQueryText(query)).toThrow(QueryRejectedError);
  });
});

describe('checkPlan (the plan layer)', () => {
  interface Plan {
    operatorType: string;
    arguments?: Record<string, unknown>;
    children: Plan[];
  }
  const plan = (operatorType: string, details?: string, children: Plan[] = []): Plan => ({
    operatorType,
    ...(details === undefined ? {} : { arguments: { Details: details } }),
    children,
  });

  it.each([
    [plan('ProduceResults@neo4j', 'l', [plan('LoadCSV@neo4j', 'l')]), /LOAD CSV/],
    [plan('ProduceResults@neo4j', '', [plan('ProcedureCall@neo4j', 'db.createLabel($x) :: ()')]), /db\.createLabel/],
    [plan('AdministrationCommand@system'), /administration/],
    [plan('ProduceResults@neo4j', '', [plan('TerminateTransactions@neo4j', 'x')]), /administration/],
    [plan('ProduceResults@neo4j', '', [plan('ShowTransactions@neo4j')]), /ShowTransactions/],
    [plan('ProduceResults@neo4j', '', [plan('Create@neo4j', '(n:X)')]), /change data/],
    [plan('ProduceResults@neo4j', '', [plan('SetProperty@neo4j', 'n.x = 1')]), /change data/],
  ])('refuses %#', (tree, message) => {
    expect(() => checkPlan(tree)).toThrow(message);
  });

  it('lets through reads, allow-listed procedures and schema SHOW commands', () => {
    expect(() =>
      checkPlan(
        plan('ProduceResults@neo4j', 'n', [
          plan('ProcedureCall@neo4j', 'db.labels() :: (label :: STRING)'),
          plan('ShowIndexes@neo4j'),
          plan('AllNodesScan@neo4j', 'n'),
        ]),
      ),
    ).not.toThrow();
  });
});

describe('helpers', () => {
  it('blanks comments and strings but keeps positions', () => {
    const text = "MATCH (n) // c\nWHERE n.a = 'x y' /* z */ RETURN n";
    const stripped = stripCommentsAndStrings(text);
    expect(stripped).toHaveLength(text.length);
    expect(stripped).toBe("MATCH (n)     \nWHERE n.a = '   '         RETURN n");
  });

  it('sends whole JSON numbers as Integers, recursively', () => {
    const params = jsonToDriverParams({ n: 3, f: 1.5, list: [1, 'a'], map: { k: 2 } }) as Record<string, unknown>;
    expect(isInt(params.n)).toBe(true);
    expect(params.f).toBe(1.5);
    expect(isInt((params.list as unknown[])[0])).toBe(true);
    expect(isInt((params.map as Record<string, unknown>).k)).toBe(true);
  });
});
