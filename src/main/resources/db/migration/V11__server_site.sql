-- Where a server stands (a branch, a campus), as the administrator names it; null when none was given.
ALTER TABLE server ADD COLUMN site VARCHAR(255);
CREATE INDEX server_site ON server (site);
