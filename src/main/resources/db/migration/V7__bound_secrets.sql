-- Proxy credentials leave the proxy URL for a column of their own, encrypted like passwords.
ALTER TABLE server ADD COLUMN proxy_auth_enc VARCHAR(4096);
-- Rows whose secrets an earlier version wrote: passwords encrypted without being bound to their row ("v1:"),
-- proxy credentials in clear. The first open by this version encrypts them again, bound, and clears the mark.
ALTER TABLE server ADD COLUMN legacy_secrets BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE server SET legacy_secrets = TRUE;
