package extract

import "gitui/internal/schema"

// Placeholders replaced by the rule files.

func extractMeta(d *doc) Meta { return Meta{Format: schema.Narrative} }

func extractTables(d *doc, f schema.Format) ([]Field, []string) { return nil, nil }

func extractProse(d *doc, f schema.Format) ([]Field, []Check) { return nil, nil }

// Checks evaluates the identities of the schema on fields.
func Checks(fields []Field, f schema.Format) []Check { return nil }
