-- Console-wide settings, one row per setting; a missing row means the default.
CREATE TABLE preference (
    name       VARCHAR(255) NOT NULL PRIMARY KEY,
    value_text CHARACTER VARYING
);
