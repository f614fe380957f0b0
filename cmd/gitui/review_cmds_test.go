package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gitui/internal/corpus"
	"gitui/internal/extract"
	"gitui/internal/review"
	"gitui/internal/samples"
)

// sampleCorpus copies the bundled sample reports into a fresh folder.
func sampleCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, samples.FS()); err != nil {
		t.Fatal(err)
	}
	return dir
}

// loadReport parses one report of dir as the commands load it.
func loadReport(t *testing.T, dir, name string) *corpus.Report {
	t.Helper()
	path := filepath.Join(dir, name)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := corpus.Parse(path, raw)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func fieldOf(t *testing.T, r *corpus.Report, id string) extract.Field {
	t.Helper()
	for _, f := range r.Fields() {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("%s: no %s extracted", r.Path, id)
	return extract.Field{}
}

// correct records, as the explorer does, that id of r is v, grounded where
// the text states it.
func correct(t *testing.T, dir string, r *corpus.Report, id string, v extract.Number) review.Event {
	t.Helper()
	st, err := review.OpenCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	old := fieldOf(t, r, id).Value
	e := review.Event{SHA256: r.SHA256, Path: r.Path, Field: id, Action: review.Correct, Old: &old, New: &v, Reviewer: "ann"}
	if spans := extract.Locate(r.Source, id, v); len(spans) > 0 {
		e.Span = &spans[0]
	}
	e, err = st.Append(e)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// wideRows reads an exported CSV back: header, then rows keyed by the
// base name of their path.
func wideRows(t *testing.T, path string) ([]string, map[string][]string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b, ok := bytes.CutPrefix(b, []byte("\uFEFF"))
	if !ok {
		t.Fatal("no BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, r := range recs[1:] {
		rows[filepath.Base(r[0])] = r
	}
	return recs[0], rows
}

const seed = "000_18bd725a6c48fc58.txt"

func TestExportAppliesCorrections(t *testing.T) {
	dir := sampleCorpus(t)
	r := loadReport(t, dir, seed)
	letter := fieldOf(t, r, "applications.channel.letter")
	v, _ := extract.ParseNumber("562") // stated in the text: grounded
	correct(t, dir, r, letter.ID, v)

	out := filepath.Join(t.TempDir(), "figures.csv")
	code, _, stderr := runCmd(t, "export", "-o", out, dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	header, rows := wideRows(t, out)
	col := slices.Index(header, letter.ID)
	if got := rows[seed][col]; got != "562" {
		t.Errorf("%s = %q, want the correction 562 (extracted %s)", letter.ID, got, letter.Value)
	}
	total := fieldOf(t, r, "proactive.total")
	if got := rows[seed][slices.Index(header, total.ID)]; got != total.Value.String() {
		t.Errorf("an uncorrected figure changed: %q, want %s", got, total.Value)
	}
	entries, _ := fs.ReadDir(samples.FS(), ".")
	if len(rows) != len(entries) {
		t.Errorf("%d rows, want one per sample report (%d)", len(rows), len(entries))
	}

	// The same in the long format and the workbook.
	long := filepath.Join(t.TempDir(), "long.csv")
	if code, _, stderr := runCmd(t, "export", "--format", "long", "-o", long, dir); code != exitOK {
		t.Fatalf("long: exit %d: %s", code, stderr)
	}
	b, _ := os.ReadFile(long)
	want := "," + letter.ID + ",562,件,false,corrected,"
	if !bytes.Contains(b, []byte(want)) {
		t.Errorf("long export has no %q", want)
	}
	book := filepath.Join(t.TempDir(), "figures.xlsx")
	if code, _, stderr := runCmd(t, "export", "-o", book, dir); code != exitOK {
		t.Fatalf("xlsx: exit %d: %s", code, stderr)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	xrows, err := f.GetRows("figures")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, row := range xrows[1:] {
		if filepath.Base(row[0]) == seed {
			found = true
			if row[col] != "562" {
				t.Errorf("xlsx %s = %q, want 562", letter.ID, row[col])
			}
		}
	}
	if !found {
		t.Errorf("xlsx has no row for %s", seed)
	}
}

func TestExportUsage(t *testing.T) {
	dir := sampleCorpus(t)
	out := filepath.Join(t.TempDir(), "out.csv")
	os.WriteFile(out, []byte("keep"), 0o644)
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"export", dir}, exitUsage},       // no -o
		{[]string{"export", "-o", out}, exitUsage}, // no PATH
		{[]string{"export", "--format", "pdf", "-o", out + "x", dir}, exitUsage},
		{[]string{"export", "-o", out, dir}, exitUsage}, // exists
		{[]string{"export", "-o", out + ".new", filepath.Join(dir, "nope")}, exitUsage},
		{[]string{"export", "--format", "xlsx", "-o", "-", dir}, exitUsage},
	}
	for _, tt := range tests {
		if code, _, _ := runCmd(t, tt.args...); code != tt.code {
			t.Errorf("%v: exit %d, want %d", tt.args, code, tt.code)
		}
	}
	if b, _ := os.ReadFile(out); string(b) != "keep" {
		t.Errorf("existing file overwritten without --force")
	}
	if code, _, stderr := runCmd(t, "export", "--force", "-o", out, dir); code != exitOK {
		t.Fatalf("--force: exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte("\uFEFFpath,sha256,")) {
		t.Errorf("--force did not write the export: %.40q", b)
	}
	code, stdout, _ := runCmd(t, "export", "--format", "jsonl", "-o", "-", dir)
	if code != exitOK || strings.Count(stdout, "\n") != strings.Count(stdout, `"sha256"`) || stdout == "" {
		t.Errorf("jsonl to stdout: exit %d, %d lines", code, strings.Count(stdout, "\n"))
	}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if !json.Valid([]byte(line)) {
			t.Fatalf("not JSON: %.80q", line)
		}
	}
}

func TestExportStoreProblems(t *testing.T) {
	dir := sampleCorpus(t)
	r := loadReport(t, dir, seed)
	v, _ := extract.ParseNumber("70")
	correct(t, dir, r, "applications.channel.letter", v)
	// A crash tore the last line: reported, the correction before it holds.
	f, _ := os.OpenFile(review.DefaultPath(dir), os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"id":"x","sha256":"`)
	f.Close()
	out := filepath.Join(t.TempDir(), "out.csv")
	code, _, stderr := runCmd(t, "export", "-o", out, dir)
	if code != exitOK || !strings.Contains(stderr, "torn") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	header, rows := wideRows(t, out)
	if got := rows[seed][slices.Index(header, "applications.channel.letter")]; got != "70" {
		t.Errorf("correction before the torn line lost: %q", got)
	}

	// A .gitui that leads out of the corpus is refused, by name.
	dir2 := sampleCorpus(t)
	elsewhere := t.TempDir()
	os.Symlink(elsewhere, filepath.Join(dir2, review.DirName))
	code, _, stderr = runCmd(t, "export", "-o", filepath.Join(t.TempDir(), "x.csv"), dir2)
	if code != exitProblems || !strings.Contains(stderr, elsewhere) {
		t.Errorf("symlinked store: exit %d, stderr %q", code, stderr)
	}
}

func TestCheckStrict(t *testing.T) {
	dir := sampleCorpus(t)
	const table = "004_072038db32835d30.txt"
	code, stdout, stderr := runCmd(t, "check", "--strict", filepath.Join(dir, table))
	if code != exitOK || strings.Contains(stdout, "failed") {
		t.Fatalf("before review: exit %d\n%s%s", code, stdout, stderr)
	}
	// Correct one term of a passing identity: it fails, --strict says so.
	r := loadReport(t, dir, table)
	var check extract.Check
	for _, c := range r.Checks() {
		if c.OK && strings.HasPrefix(c.ID, "row_total.") {
			check = c
			break
		}
	}
	if check.ID == "" {
		t.Fatalf("no passing row_total identity in %s: %v", table, r.Checks())
	}
	id := check.Fields[0]
	correct(t, dir, r, id, fieldOf(t, r, id).Value.Add(extract.Int(1)))
	code, stdout, _ = runCmd(t, "check", "--strict", dir)
	if code != exitProblems || !strings.Contains(stdout, table+": "+check.ID+" failed") {
		t.Errorf("after the correction: exit %d, want %d and %s failed\n%s", code, exitProblems, check.ID, stdout)
	}
	if code, _, _ := runCmd(t, "check", dir); code != exitOK {
		t.Errorf("without --strict a failed identity exits %d", code)
	}
	if code, _, _ := runCmd(t, "check"); code != exitUsage {
		t.Errorf("no PATH: exit %d", code)
	}
}

func TestReviewLog(t *testing.T) {
	dir := sampleCorpus(t)
	r := loadReport(t, dir, seed)
	st, err := review.OpenCorpus(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := review.NewSession(st, "ann")
	for _, a := range []review.Action{review.Accept, review.Flag} {
		if _, err := s.Do(review.Event{SHA256: r.SHA256, Path: r.Path, Field: "proactive.total", Action: a, Note: "\x1b]52;c;aGk=\x07"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCmd(t, "review-log", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "undo    flag") || !strings.Contains(lines[2], "accept") {
		t.Errorf("want undo, flag, accept, newest first:\n%s", stdout)
	}
	if strings.ContainsAny(stdout, "\x1b\x07") {
		t.Errorf("a control byte reached the terminal: %q", stdout)
	}
	code, stdout, _ = runCmd(t, "review-log", "--format", "jsonl", dir)
	var first review.Event
	if err := json.Unmarshal([]byte(strings.SplitN(stdout, "\n", 2)[0]), &first); code != exitOK || err != nil || first.Action != review.Undo {
		t.Errorf("jsonl: exit %d, first %+v, %v", code, first, err)
	}

	// The file changes: its old events are shown for it, marked stale.
	path := filepath.Join(dir, seed)
	b, _ := os.ReadFile(path)
	os.WriteFile(path, append(b, "\n附件：无\n"...), 0o644)
	code, stdout, _ = runCmd(t, "review-log", path)
	if code != exitOK || strings.Count(stdout, "[stale") != 3 {
		t.Errorf("file log: exit %d\n%s", code, stdout)
	}
}

// A report moved into a sub-folder keeps its review (the key is its
// SHA-256), and exporting the sub-folder alone finds the corpus's log.
func TestExportMovedReportKeepsReview(t *testing.T) {
	dir := sampleCorpus(t)
	r := loadReport(t, dir, seed)
	v, _ := extract.ParseNumber("70")
	correct(t, dir, r, "applications.channel.letter", v)
	sub := filepath.Join(dir, "2013", "区县")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(dir, seed), filepath.Join(sub, "renamed.txt")); err != nil {
		t.Fatal(err)
	}
	for _, root := range []string{sub, filepath.Join(sub, "renamed.txt")} {
		out := filepath.Join(t.TempDir(), "out.csv")
		if code, _, stderr := runCmd(t, "export", "-o", out, root); code != exitOK {
			t.Fatalf("%s: exit %d: %s", root, code, stderr)
		}
		header, rows := wideRows(t, out)
		if got := rows["renamed.txt"][slices.Index(header, "applications.channel.letter")]; got != "70" {
			t.Errorf("export of %s: %q, want the correction 70", root, got)
		}
	}
	if _, err := os.Stat(filepath.Join(sub, review.DirName)); err == nil {
		t.Errorf("export created a review folder in the sub-folder")
	}
}
