-- The team key seals the servers' passwords and other secrets in a team store, so that every member can open them.
-- It is never stored in clear: each member's desktop publishes a public key, and a DHCP administrator's Tandem
-- seals the team key for it.

-- One row: a value sealed with the team key, to tell a key that opens it from any other.
CREATE TABLE team_secret (
    id          INT          NOT NULL PRIMARY KEY,  -- always 1
    key_check   TEXT         NOT NULL,
    created_by  VARCHAR(255) NOT NULL,
    created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- A member's desktop (its public key) and, once shared, the team key sealed for it.
CREATE TABLE team_key_share (
    login        VARCHAR(255) NOT NULL,
    key_id       VARCHAR(64)  NOT NULL,  -- fingerprint of the public key
    public_key   TEXT         NOT NULL,  -- base64 of its X.509 encoding
    published_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    wrapped_key  TEXT,                   -- null until shared
    shared_by    VARCHAR(255),
    shared_at    TIMESTAMP(6) WITH TIME ZONE,
    PRIMARY KEY (login, key_id),
    CONSTRAINT team_key_share_member_fk FOREIGN KEY (login) REFERENCES team_member (login) ON DELETE CASCADE
);
