// Package samples bundles real reports into the binary, so that gitui run
// with no folder shows something true on a fresh machine.
package samples

import (
	"embed"
	"io/fs"
)

//go:embed reports
var files embed.FS

// FS returns the bundled reports, at its root.
func FS() fs.FS {
	sub, err := fs.Sub(files, "reports")
	if err != nil {
		panic(err) // the directory is embedded above; this cannot fail
	}
	return sub
}
