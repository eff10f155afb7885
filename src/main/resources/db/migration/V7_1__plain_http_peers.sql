-- Whether an https server's credentials may go to its plain-http peers (false: withheld from them).
ALTER TABLE server ADD COLUMN allow_plain_http_peers BOOLEAN DEFAULT FALSE NOT NULL;
