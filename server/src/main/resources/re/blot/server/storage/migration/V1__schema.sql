-- The whole state of a Blot're server. The same SQL runs on SQLite and PostgreSQL.
-- Times are epoch milliseconds; tokens, codes and client secrets are SHA-256 hex, never plain.

CREATE TABLE users (
  id          CHAR(24) PRIMARY KEY,
  user_name   VARCHAR(64) NOT NULL,
  root_stream CHAR(24) NOT NULL,
  seq         BIGINT NOT NULL
);

CREATE TABLE streams (
  id             CHAR(24) PRIMARY KEY,
  name           VARCHAR(64) NOT NULL,
  uri            TEXT NOT NULL UNIQUE,
  created        BIGINT NOT NULL,
  updated        BIGINT NOT NULL,
  color          VARCHAR(7) NOT NULL,
  status_created BIGINT NOT NULL,
  poster         CHAR(24) NOT NULL,
  owner          CHAR(24) NOT NULL,
  -- At most 6 tags of [a-z0-9_$-], in the order set, joined with commas.
  tags           VARCHAR(200) NOT NULL
);
CREATE INDEX streams_updated ON streams (updated);
CREATE INDEX streams_owner ON streams (owner);

CREATE TABLE links (
  parent_id    CHAR(24) NOT NULL,
  child_id     CHAR(24) NOT NULL,
  hierarchical BOOLEAN NOT NULL,
  added        BIGINT NOT NULL,
  PRIMARY KEY (parent_id, child_id)
);
CREATE INDEX links_child ON links (child_id);

CREATE TABLE status_history (
  stream_id CHAR(24) NOT NULL,
  color     VARCHAR(7) NOT NULL,
  created   BIGINT NOT NULL,
  poster    CHAR(24) NOT NULL
);
CREATE INDEX status_history_stream ON status_history (stream_id, created);
CREATE INDEX status_history_created ON status_history (created);

CREATE TABLE clients (
  id           CHAR(24) PRIMARY KEY,
  secret_hash  CHAR(64) NOT NULL,
  name         TEXT NOT NULL,
  blurb        TEXT NOT NULL,
  redirect_uri TEXT,
  disposable   BOOLEAN NOT NULL,
  user_id      CHAR(24)
);

CREATE TABLE tokens (
  client_id        CHAR(24) NOT NULL,
  user_id          CHAR(24) NOT NULL,
  access_hash      CHAR(64) NOT NULL,
  refresh_hash     CHAR(64) NOT NULL,
  access_issued    BIGINT NOT NULL,
  access_lifetime  BIGINT NOT NULL,
  refresh_issued   BIGINT NOT NULL,
  refresh_lifetime BIGINT NOT NULL,
  revoked          BOOLEAN NOT NULL,
  PRIMARY KEY (client_id, user_id)
);
CREATE INDEX tokens_access ON tokens (access_hash);
CREATE INDEX tokens_refresh ON tokens (refresh_hash);

CREATE TABLE auth_codes (
  code_hash    CHAR(64) PRIMARY KEY,
  client_id    CHAR(24) NOT NULL,
  user_id      CHAR(24) NOT NULL,
  redirect_uri TEXT NOT NULL,
  issued       BIGINT NOT NULL,
  lifetime     BIGINT NOT NULL
);

CREATE TABLE one_time_codes (
  code_hash CHAR(64) PRIMARY KEY,
  client_id CHAR(24) NOT NULL,
  issued    BIGINT NOT NULL,
  lifetime  BIGINT NOT NULL
);
