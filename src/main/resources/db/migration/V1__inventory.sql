-- Servers the administrator added and the relationships found in their configuration.
CREATE TABLE server (
    name             VARCHAR(255)              NOT NULL PRIMARY KEY,
    backend          VARCHAR(32)               NOT NULL,
    url              VARCHAR(2048),
    proxy            VARCHAR(2048),
    username         VARCHAR(255),
    -- SecretCipher output ("v1:" + base64), never the password itself
    password_enc     VARCHAR(4096),
    trust_anchor_pem CHARACTER VARYING,
    added_at         TIMESTAMP(9) WITH TIME ZONE NOT NULL
);

CREATE TABLE relationship (
    name                  VARCHAR(255) NOT NULL PRIMARY KEY,
    server_name           VARCHAR(255) NOT NULL,
    backend               VARCHAR(32)  NOT NULL,
    mode                  VARCHAR(32)  NOT NULL,
    shared_config         BOOLEAN      NOT NULL,
    heartbeat_delay_ms    BIGINT,
    max_response_delay_ms BIGINT,
    max_ack_delay_ms      BIGINT,
    max_unacked_clients   BIGINT,
    ord                   INTEGER      NOT NULL,
    CONSTRAINT relationship_server_fk FOREIGN KEY (server_name) REFERENCES server (name) ON DELETE CASCADE
);
CREATE INDEX relationship_server_ord ON relationship (server_name, ord);

CREATE TABLE peer (
    relationship_name VARCHAR(255)  NOT NULL,
    ord               INTEGER       NOT NULL,
    name              VARCHAR(255)  NOT NULL,
    role              VARCHAR(16)   NOT NULL,
    url               VARCHAR(2048) NOT NULL,
    auto_failover     BOOLEAN       NOT NULL,
    CONSTRAINT peer_pk PRIMARY KEY (relationship_name, ord),
    CONSTRAINT peer_name_unique UNIQUE (relationship_name, name),
    CONSTRAINT peer_relationship_fk FOREIGN KEY (relationship_name) REFERENCES relationship (name) ON DELETE CASCADE
);
