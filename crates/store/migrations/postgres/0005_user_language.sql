-- The language each user works in (ISSUE 4, item 6): `da`, `sv` or `en`; NULL means the
-- organisation's default (Danish). Keep in step with the other backend's migration.
ALTER TABLE users ADD COLUMN language TEXT;
