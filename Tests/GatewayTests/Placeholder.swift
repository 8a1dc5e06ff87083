// Tests arrive with the implementation; this file only keeps the target non-empty.
