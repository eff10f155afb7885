-- The members of a team store, their built-in roles and the bits granted one by one. In the embedded store they
-- stay empty: the desktop's user holds every permission there.
CREATE TABLE team_member (
    login     VARCHAR(255) NOT NULL PRIMARY KEY,  -- a PostgreSQL login
    added_by  VARCHAR(255) NOT NULL,
    added_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE team_role (
    login VARCHAR(255) NOT NULL,
    role  VARCHAR(64)  NOT NULL,  -- dhcp-administrators, ipam-administrators
    PRIMARY KEY (login, role),
    CONSTRAINT team_role_member_fk FOREIGN KEY (login) REFERENCES team_member (login) ON DELETE CASCADE
);

-- server '' means every server; scope '' the whole server
CREATE TABLE team_grant (
    login  VARCHAR(255) NOT NULL,
    bit    VARCHAR(64)  NOT NULL,
    server VARCHAR(255) NOT NULL,
    scope  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (login, bit, server, scope),
    CONSTRAINT team_grant_member_fk FOREIGN KEY (login) REFERENCES team_member (login) ON DELETE CASCADE
);

-- Who polls for the team: the process holding PostgreSQL's advisory lock writes itself here when it takes it.
CREATE TABLE team_poller (
    id        INT          NOT NULL PRIMARY KEY,  -- always 1
    login     VARCHAR(255) NOT NULL,
    host      VARCHAR(255) NOT NULL,
    pid       BIGINT       NOT NULL,
    since     TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
