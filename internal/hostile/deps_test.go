package hostile

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// networkPackages are the standard packages through which a program can
// reach the network.
var networkPackages = []string{"net", "net/http", "net/rpc", "net/smtp", "crypto/tls", "net/mail"}

// networkImporters are the third-party packages gitui links that import a
// network package, and why that is no network use. A new one fails
// TestNoNetworkPackages until someone reads its code and adds it here.
var networkImporters = map[string]string{
	// sheet.go calls http.DetectContentType on images added to a sheet;
	// gitui adds none. Nothing dials.
	"github.com/xuri/excelize/v2": "net/http for DetectContentType only",
}

// TestNoNetworkPackages holds gitui to making no network connection: none
// of its own packages imports a network package, and the third-party
// packages that do are the reviewed ones above. (net/url, used by
// charmbracelet/x/ansi to format OSC 8 links and by excelize's formula
// functions, parses strings and connects to nothing.)
func TestNoNetworkPackages(t *testing.T) {
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	out, err := exec.Command(goBin, "list", "-deps", "-f", "{{.ImportPath}}\t{{.Standard}}\t{{join .Imports \" \"}}", "gitui/cmd/gitui").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	linked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		parts := strings.SplitN(line, "\t", 3)
		if len(parts) != 3 || parts[1] == "true" {
			continue
		}
		linked++
		pkg, imports := parts[0], strings.Fields(parts[2])
		for _, imp := range imports {
			if !slices.Contains(networkPackages, imp) {
				continue
			}
			switch why, ok := networkImporters[pkg]; {
			case strings.HasPrefix(pkg, "gitui/"):
				t.Errorf("%s imports %s: gitui promises no network use (SECURITY.md)", pkg, imp)
			case !ok:
				t.Errorf("%s imports %s and has not been reviewed for network use (see networkImporters)", pkg, imp)
			default:
				t.Logf("%s imports %s: %s", pkg, imp, why)
			}
		}
	}
	if linked < 10 {
		t.Fatalf("go list found only %d non-standard packages; the check is not looking at gitui", linked)
	}
}
