-- Loads JSON Lines articles into SQLite FTS5; run by the sqlite3 CLI as one process:
--   sqlite3 DB ".read fts5_load.run.sql"
-- where bench.py writes fts5_load.run.sql from this file with @INPUT@ (the articles)
-- and @ENTITIES@ (companies per source record, from `ainews-index --extract`) filled in.
-- Same fields as ainews: id (unique), title + body full text (porter unicode61),
-- date/month, source, persons (the "people" list) and companies, with the indexes
-- the benchmark's filters and facets use.
PRAGMA journal_mode=OFF;
PRAGMA synchronous=OFF;
PRAGMA temp_store=MEMORY;
PRAGMA cache_size=-65536;
CREATE TEMP TABLE raw(j TEXT);
CREATE TEMP TABLE ents(j TEXT);
.mode ascii
.separator "\037" "\n"
.import "@INPUT@" raw
.import "@ENTITIES@" ents
BEGIN;
CREATE TABLE docs(rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, orig_id TEXT,
                  date TEXT, month TEXT, source TEXT, title TEXT, body TEXT);
INSERT INTO docs(rowid, id, orig_id, date, month, source, title, body)
  SELECT rowid, json_extract(j, '$.id'),
         coalesce(json_extract(j, '$.orig_id'), json_extract(j, '$.id')),
         nullif(substr(json_extract(j, '$.date'), 1, 10), ''),
         nullif(substr(json_extract(j, '$.date'), 1, 7), ''),
         json_extract(j, '$.source'), json_extract(j, '$.title'), json_extract(j, '$.body')
  FROM raw;
CREATE VIRTUAL TABLE fts USING fts5(title, body, content='docs', content_rowid='rowid',
                                    tokenize='porter unicode61');
INSERT INTO fts(rowid, title, body) SELECT rowid, title, body FROM docs;
CREATE TABLE people(docid INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY(docid, name)) WITHOUT ROWID;
INSERT OR IGNORE INTO people SELECT raw.rowid, e.value FROM raw, json_each(raw.j, '$.people') e;
CREATE INDEX people_name ON people(name, docid);
CREATE TEMP TABLE ent_map(orig TEXT PRIMARY KEY, companies TEXT) WITHOUT ROWID;
INSERT OR REPLACE INTO ent_map SELECT json_extract(j, '$.id'), json_extract(j, '$.companies') FROM ents;
CREATE TABLE companies(docid INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY(docid, name)) WITHOUT ROWID;
INSERT OR IGNORE INTO companies
  SELECT d.rowid, e.value FROM docs d JOIN ent_map m ON m.orig = d.orig_id, json_each(m.companies) e;
CREATE INDEX companies_name ON companies(name, docid);
CREATE INDEX docs_date ON docs(date);
COMMIT;
