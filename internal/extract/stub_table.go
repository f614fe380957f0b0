package extract

import "gitui/internal/schema"

// Placeholders until table.go and checks.go exist; delete this file then.

// detectFormat tells narrative reports from the 2019 and 2021 table formats.
func detectFormat(d *doc) schema.Format { return schema.Narrative }

// extractTables reads every cell of the standard tables. Problems name rows
// it could not map with certainty.
func extractTables(d *doc, f schema.Format) ([]Field, []string) { return nil, nil }

// Checks evaluates the identities of the schema on fields.
func Checks(fields []Field, f schema.Format) []Check { return nil }
