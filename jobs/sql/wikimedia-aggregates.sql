-- Eddy's three Wikimedia recentchange aggregates in Flink SQL: edits-per-wiki, top-pages and
-- activity, each written to a compacted Kafka topic (upsert-kafka, exactly-once) and pushed to the
-- SSE endpoint (sse-push), with the record contract's fields (docs/sql-connector.md).
--
-- Run it with `./eddy sql jobs/sql/wikimedia-aggregates.sql [--replay FILE]`, which fills in the
-- ${EDDY_*} placeholders; on a Flink cluster substitute them first, e.g.
--   EDDY_SOURCE_URL=https://stream.wikimedia.org/v2/stream/recentchange \
--   EDDY_KAFKA_BOOTSTRAP=kafka:9092 EDDY_ENDPOINT=http://endpoint:8090 \
--   envsubst '${EDDY_SOURCE_URL} ${EDDY_KAFKA_BOOTSTRAP} ${EDDY_ENDPOINT}' < wikimedia-aggregates.sql
-- and give the endpoint's publish token in EDDY_PUBLISH_TOKEN.
--
-- Differences from the DataStream job: window TVFs emit one final row per window when the
-- watermark passes its end, so there are no early updates ("final" is always true, "revision"
-- always 1) and no allowed lateness (events later than the watermark's 10 s of out-of-orderness
-- are dropped and counted in Flink's numLateRecordsDropped metric); activity's "by_type" holds the
-- four known types only. For live early results see the CUMULATE example in docs/sql-connector.md.

SET 'table.local-time-zone' = 'UTC';
SET 'pipeline.name' = 'Eddy SQL: Wikimedia recentchange aggregates';
-- Rows are not copied between chained operators (the sse source emits a new row per event).
SET 'pipeline.object-reuse' = 'true';

CREATE TABLE recentchange (
  `meta` ROW<`id` STRING NOT NULL, `dt` STRING, `domain` STRING> NOT NULL,
  `wiki` STRING NOT NULL,
  `type` STRING NOT NULL,
  `title` STRING NOT NULL,
  `user` STRING NOT NULL,
  `bot` BOOLEAN NOT NULL,
  `length` ROW<`old` BIGINT, `new` BIGINT>,
  `timestamp` BIGINT NOT NULL,
  -- event time as the DataStream job has it: meta.dt (both schema generations: '+00:00' and
  -- 'Z', with or without milliseconds), else the 'timestamp' seconds
  `ts` AS COALESCE(
      TO_TIMESTAMP_LTZ(`meta`.`dt`, 'yyyy-MM-dd''T''HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]XXX'),
      TO_TIMESTAMP_LTZ(`timestamp`, 0)),
  WATERMARK FOR `ts` AS `ts` - INTERVAL '10' SECOND
) WITH (
  'connector' = 'sse',
  'url' = '${EDDY_SOURCE_URL}',
  'format' = 'json',
  'scan.startup.mode' = 'latest',
  'dedup.key' = 'meta.id',
  'scan.watermark.idle-timeout' = '30 s',
  'http.header.User-Agent' = 'Eddy-SQL/0.1 (https://github.com/eddy-streams/eddy; Flink SSE connector)'
);

-- Canary events are Wikimedia's monitoring events, not changes.
CREATE TEMPORARY VIEW changes AS
SELECT *,
  CASE WHEN `length`.`new` IS NULL THEN 0
       ELSE `length`.`new` - COALESCE(`length`.`old`, 0) END AS size_change
FROM recentchange
WHERE `meta`.`domain` IS NULL OR `meta`.`domain` <> 'canary';

CREATE TEMPORARY VIEW edits_per_wiki AS
SELECT
  'edits-per-wiki' AS `stream`,
  wiki AS `key`,
  wiki,
  DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss''Z''') AS window_start,
  DATE_FORMAT(window_end, 'yyyy-MM-dd''T''HH:mm:ss''Z''') AS window_end,
  TRUE AS `final`,
  CAST(1 AS BIGINT) AS revision,
  COUNT(*) AS events,
  COUNT(*) FILTER (WHERE `type` = 'edit') AS edits,
  COUNT(*) FILTER (WHERE `type` = 'new') AS new_pages,
  COUNT(*) FILTER (WHERE `type` = 'log') AS log_events,
  COUNT(*) FILTER (WHERE `type` = 'categorize') AS categorize_events,
  COUNT(*) FILTER (WHERE bot) AS bot_events,
  COUNT(*) FILTER (WHERE NOT bot) AS human_events,
  COUNT(DISTINCT `user`) AS distinct_users,
  SUM(CASE WHEN size_change > 0 THEN size_change ELSE 0 END) AS bytes_added,
  SUM(CASE WHEN size_change < 0 THEN -size_change ELSE 0 END) AS bytes_removed
FROM TABLE(TUMBLE(TABLE changes, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY wiki, window_start, window_end;

-- top-pages: edits and new pages per page in 5-minute windows sliding by 1 minute, the 10 most
-- edited per wiki (a window Top-N, ties by title), gathered into one record per wiki and window.
CREATE TEMPORARY VIEW page_edits AS
SELECT wiki, title, window_start, window_end, window_time,
  COUNT(*) AS edits, COUNT(DISTINCT `user`) AS distinct_users
FROM TABLE(HOP(TABLE changes, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE))
WHERE `type` IN ('edit', 'new')
GROUP BY wiki, title, window_start, window_end, window_time;

CREATE TEMPORARY VIEW top_pages AS
SELECT
  'top-pages' AS `stream`,
  wiki AS `key`,
  wiki,
  DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss''Z''') AS window_start,
  DATE_FORMAT(window_end, 'yyyy-MM-dd''T''HH:mm:ss''Z''') AS window_end,
  TRUE AS `final`,
  CAST(1 AS BIGINT) AS revision,
  ARRAY_AGG(CAST(ROW(title, edits, distinct_users)
      AS ROW<title STRING, edits BIGINT, distinct_users BIGINT>)) AS pages
FROM (
  SELECT * FROM (
    SELECT *, ROW_NUMBER() OVER (
        PARTITION BY window_start, window_end, wiki ORDER BY edits DESC, title) AS page_rank
    FROM page_edits)
  WHERE page_rank <= 10)
GROUP BY wiki, window_start, window_end;

CREATE TEMPORARY VIEW activity AS
SELECT
  'activity' AS `stream`,
  'all' AS `key`,
  DATE_FORMAT(window_start, 'yyyy-MM-dd''T''HH:mm:ss''Z''') AS window_start,
  DATE_FORMAT(window_end, 'yyyy-MM-dd''T''HH:mm:ss''Z''') AS window_end,
  TRUE AS `final`,
  CAST(1 AS BIGINT) AS revision,
  COUNT(*) AS events,
  CAST(ROW(
      COUNT(*) FILTER (WHERE `type` = 'edit'),
      COUNT(*) FILTER (WHERE `type` = 'new'),
      COUNT(*) FILTER (WHERE `type` = 'log'),
      COUNT(*) FILTER (WHERE `type` = 'categorize'))
    AS ROW<`edit` BIGINT, `new` BIGINT, `log` BIGINT, `categorize` BIGINT>) AS by_type,
  CAST(COUNT(*) FILTER (WHERE bot) AS DOUBLE) / COUNT(*) AS bot_share,
  COUNT(*) / 10.0E0 AS events_per_second
FROM TABLE(TUMBLE(TABLE changes, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;

-- Sinks: the Kafka key is <key>@<window_start>, so a compacted topic keeps one record per window.
CREATE TABLE edits_per_wiki_kafka (
  kafka_key STRING NOT NULL, `stream` STRING, `key` STRING, wiki STRING,
  window_start STRING, window_end STRING, `final` BOOLEAN, revision BIGINT,
  events BIGINT, edits BIGINT, new_pages BIGINT, log_events BIGINT, categorize_events BIGINT,
  bot_events BIGINT, human_events BIGINT, distinct_users BIGINT,
  bytes_added BIGINT, bytes_removed BIGINT,
  PRIMARY KEY (kafka_key) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'eddy.edits-per-wiki',
  'properties.bootstrap.servers' = '${EDDY_KAFKA_BOOTSTRAP}',
  'key.format' = 'raw',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY',
  'sink.delivery-guarantee' = 'exactly-once',
  'properties.transaction.timeout.ms' = '900000',
  'sink.transactional-id-prefix' = 'eddy-sql-edits-per-wiki'
);

CREATE TABLE top_pages_kafka (
  kafka_key STRING NOT NULL, `stream` STRING, `key` STRING, wiki STRING,
  window_start STRING, window_end STRING, `final` BOOLEAN, revision BIGINT,
  pages ARRAY<ROW<title STRING, edits BIGINT, distinct_users BIGINT>>,
  PRIMARY KEY (kafka_key) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'eddy.top-pages',
  'properties.bootstrap.servers' = '${EDDY_KAFKA_BOOTSTRAP}',
  'key.format' = 'raw',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY',
  'sink.delivery-guarantee' = 'exactly-once',
  'properties.transaction.timeout.ms' = '900000',
  'sink.transactional-id-prefix' = 'eddy-sql-top-pages'
);

CREATE TABLE activity_kafka (
  kafka_key STRING NOT NULL, `stream` STRING, `key` STRING,
  window_start STRING, window_end STRING, `final` BOOLEAN, revision BIGINT,
  events BIGINT, by_type ROW<`edit` BIGINT, `new` BIGINT, `log` BIGINT, `categorize` BIGINT>,
  bot_share DOUBLE, events_per_second DOUBLE,
  PRIMARY KEY (kafka_key) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'eddy.activity',
  'properties.bootstrap.servers' = '${EDDY_KAFKA_BOOTSTRAP}',
  'key.format' = 'raw',
  'value.format' = 'json',
  'value.fields-include' = 'EXCEPT_KEY',
  'sink.delivery-guarantee' = 'exactly-once',
  'properties.transaction.timeout.ms' = '900000',
  'sink.transactional-id-prefix' = 'eddy-sql-activity'
);

CREATE TABLE edits_per_wiki_push (
  `stream` STRING, `key` STRING, wiki STRING,
  window_start STRING, window_end STRING, `final` BOOLEAN, revision BIGINT,
  events BIGINT, edits BIGINT, new_pages BIGINT, log_events BIGINT, categorize_events BIGINT,
  bot_events BIGINT, human_events BIGINT, distinct_users BIGINT,
  bytes_added BIGINT, bytes_removed BIGINT
) WITH ('connector' = 'sse-push', 'url' = '${EDDY_ENDPOINT}', 'stream' = 'edits-per-wiki');

CREATE TABLE top_pages_push (
  `stream` STRING, `key` STRING, wiki STRING,
  window_start STRING, window_end STRING, `final` BOOLEAN, revision BIGINT,
  pages ARRAY<ROW<title STRING, edits BIGINT, distinct_users BIGINT>>
) WITH ('connector' = 'sse-push', 'url' = '${EDDY_ENDPOINT}', 'stream' = 'top-pages');

CREATE TABLE activity_push (
  `stream` STRING, `key` STRING,
  window_start STRING, window_end STRING, `final` BOOLEAN, revision BIGINT,
  events BIGINT, by_type ROW<`edit` BIGINT, `new` BIGINT, `log` BIGINT, `categorize` BIGINT>,
  bot_share DOUBLE, events_per_second DOUBLE
) WITH ('connector' = 'sse-push', 'url' = '${EDDY_ENDPOINT}', 'stream' = 'activity');

EXECUTE STATEMENT SET
BEGIN
  INSERT INTO edits_per_wiki_kafka SELECT `key` || '@' || window_start, * FROM edits_per_wiki;
  INSERT INTO edits_per_wiki_push SELECT * FROM edits_per_wiki;
  INSERT INTO top_pages_kafka SELECT `key` || '@' || window_start, * FROM top_pages;
  INSERT INTO top_pages_push SELECT * FROM top_pages;
  INSERT INTO activity_kafka SELECT `key` || '@' || window_start, * FROM activity;
  INSERT INTO activity_push SELECT * FROM activity;
END;
