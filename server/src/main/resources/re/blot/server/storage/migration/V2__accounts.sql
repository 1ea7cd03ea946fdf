-- Accounts (issue 15): passwords, browser sessions, and lookups by user for the account pages.
-- Passwords are bcrypt hashes; session tokens are SHA-256 hex, never plain.

CREATE TABLE passwords (
  user_id       CHAR(24) PRIMARY KEY,
  password_hash VARCHAR(100) NOT NULL
);

CREATE TABLE sessions (
  token_hash CHAR(64) PRIMARY KEY,
  user_id    CHAR(24) NOT NULL,
  created    BIGINT NOT NULL,
  expires    BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires);

CREATE INDEX clients_user ON clients (user_id);
CREATE INDEX tokens_user ON tokens (user_id);
