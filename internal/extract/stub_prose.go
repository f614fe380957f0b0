package extract

import "gitui/internal/schema"

// Placeholders until meta.go and prose.go exist; delete this file then.

// extractMeta reads agency, year and publication date. Format is set by
// detectFormat.
func extractMeta(d *doc) Meta { return Meta{} }

// extractProse reads the prose figures, and returns checks of stated
// percentages (schema identity 5).
func extractProse(d *doc, f schema.Format) ([]Field, []Check) { return nil, nil }
