-- Issue 15: each review pair keeps what each field contributed to its score, in bits, so a coordinator sees
-- why the pair is asked about ("prior -9.1 name +4.2 phone +7.4 city -2.3").
ALTER TABLE match_review ADD COLUMN contributions text NOT NULL DEFAULT '';
