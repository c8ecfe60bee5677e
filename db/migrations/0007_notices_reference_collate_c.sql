-- Reference numbers compare byte by byte: their unique index builds about twice as fast after a
-- large import (abbreviated keys + memcmp), and equality is unchanged (they are ASCII).
ALTER TABLE "notices" ALTER COLUMN "reference_number" SET DATA TYPE text COLLATE "C";
