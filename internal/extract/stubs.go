package extract

import "gitui/internal/schema"

// Placeholders, each replaced by the rule file that owns it:
// meta.go (extractMeta), table.go (detectFormat, extractTables),
// prose.go (extractProse), checks.go (Checks).

// extractMeta reads agency, year and publication date. Format is set by
// detectFormat.
func extractMeta(d *doc) Meta { return Meta{} }

// detectFormat tells narrative reports from the 2019 and 2021 table formats.
func detectFormat(d *doc) schema.Format { return schema.Narrative }

// extractTables reads every cell of the standard tables. Problems name rows
// it could not map with certainty.
func extractTables(d *doc, f schema.Format) ([]Field, []string) { return nil, nil }

// extractProse reads the prose figures, and returns checks of stated
// percentages (schema identity 5).
func extractProse(d *doc, f schema.Format) ([]Field, []Check) { return nil, nil }

// Checks evaluates the identities of the schema on fields.
func Checks(fields []Field, f schema.Format) []Check { return nil }
