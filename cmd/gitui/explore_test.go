package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExplorerArgs covers what runExplorer refuses before it opens the
// terminal; the explorer itself is driven in internal/ui and by tmux.
func TestExplorerArgs(t *testing.T) {
	file := filepath.Join(t.TempDir(), "report.txt")
	if err := os.WriteFile(file, []byte("主动公开政府信息12条"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{filepath.Join(t.TempDir(), "missing")}, exitUsage, "no such file"},
		{[]string{file}, exitUsage, "is not a folder"},
		{[]string{"a", "b"}, exitUsage, "usage: gitui"},
		{[]string{"--no-such-flag"}, exitUsage, "flag provided but not defined"},
		{[]string{"-h"}, exitOK, "-store FILE"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := runExplorer(tt.args, strings.NewReader(""), &stdout, &stderr)
		if code != tt.code || !strings.Contains(stderr.String(), tt.want) {
			t.Errorf("gitui %q: exit %d, stderr %q; want exit %d and %q", tt.args, code, stderr.String(), tt.code, tt.want)
		}
	}
}
