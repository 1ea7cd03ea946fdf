-- Servers before this version created the user demo and registered the demo app (id
-- 5e0000000000000000000001, its secret published in the docs) in every durable database started
-- without --user. A durable server now starts with neither; this removes the ones an earlier
-- version left, where nobody used them. Used ones stay: the demo app while any token or code was
-- issued for it, demo once it has a password, a session, a token, an app or a stream of its own,
-- or its root stream is linked to another stream.

DELETE FROM clients
WHERE id = '5e0000000000000000000001'
  AND user_id IS NULL
  -- SHA-256 of the published secret: an app given this id with a secret of its own stays.
  AND secret_hash = '841a63104068f56a646e6ca668f20eb4b5a1ea748abbdfd23fb865fabe80d4a5'
  AND NOT EXISTS (SELECT 1 FROM tokens t WHERE t.client_id = clients.id)
  AND NOT EXISTS (SELECT 1 FROM auth_codes a WHERE a.client_id = clients.id);

CREATE TEMPORARY TABLE unused_demo AS
SELECT u.id, u.root_stream
FROM users u
WHERE u.user_name = 'demo'
  AND NOT EXISTS (SELECT 1 FROM passwords p WHERE p.user_id = u.id)
  AND NOT EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id)
  AND NOT EXISTS (SELECT 1 FROM tokens t WHERE t.user_id = u.id)
  AND NOT EXISTS (SELECT 1 FROM auth_codes a WHERE a.user_id = u.id)
  AND NOT EXISTS (SELECT 1 FROM clients c WHERE c.user_id = u.id)
  AND NOT EXISTS (SELECT 1 FROM streams s WHERE s.owner = u.id AND s.id <> u.root_stream)
  AND NOT EXISTS (
    SELECT 1 FROM links l WHERE l.parent_id = u.root_stream OR l.child_id = u.root_stream);

DELETE FROM status_history WHERE stream_id IN (SELECT root_stream FROM unused_demo);
DELETE FROM streams WHERE id IN (SELECT root_stream FROM unused_demo);
DELETE FROM users WHERE id IN (SELECT id FROM unused_demo);
DROP TABLE unused_demo;
