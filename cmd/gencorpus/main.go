// Command gencorpus writes a corpus of realistic 政府信息公开工作年度报告 for
// benchmarks and tests: varied agencies and years, figures consistent with
// the identities of schema.md, the three report formats, five layouts
// (prose with "|" rows, tabs, runs of spaces, one cell per line, HTML
// pages), phrasings of the prose figures from schema.md, three
// encodings (UTF-8, GB18030, Big5) and Traditional script. The prose
// between the figures is real: sentences of the bundled sample reports that
// state no figure.
//
//	gencorpus -n 1000 -seed 1 -o /tmp/corpus [-gold /tmp/corpus-gold] [-plain]
//
// -plain writes UTF-8 text files only, no HTML pages: the corpus on which
// extraction itself is measured.
//
// Output is deterministic for a seed, and report i does not depend on -n,
// so a corpus of 1,000 is the first thousand of one of 10,000. With -gold,
// one JSON file per report in the form tools/score.py reads states every
// figure the report prints.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/longbridgeapp/opencc"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"gitui/internal/corpus"
	"gitui/internal/samples"
	"gitui/internal/schema"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	// opencc registers its own -dir flag on the default set: use a set
	// of our own.
	fl := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	n := fl.Int("n", 1000, "number of reports")
	seed := fl.Uint64("seed", 1, "random seed")
	out := fl.String("o", "", "output `DIR` (required)")
	gold := fl.String("gold", "", "also write score.py gold files to `DIR`")
	plain := fl.Bool("plain", false, "plain text only: UTF-8, no HTML pages")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" || *n < 0 {
		fl.Usage()
		return errors.New("-o DIR is required")
	}
	filler, err := fillerSentences(samples.FS())
	if err != nil {
		return err
	}
	s2t, err := opencc.New("s2tw")
	if err != nil {
		return fmt.Errorf("opencc: %w", err)
	}
	var bytes int64
	counts := map[string]int{}
	for i := range *n {
		f, err := makeFile(i, *seed, filler, s2t, *plain)
		if err != nil {
			return err
		}
		path := filepath.Join(*out, f.name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, f.raw, 0o644); err != nil {
			return err
		}
		if *gold != "" {
			if err := writeGold(*gold, f); err != nil {
				return err
			}
		}
		bytes += int64(len(f.raw))
		counts[f.rep.format]++
		counts[f.rep.layout]++
		counts[f.encoding]++
		if f.traditional {
			counts["traditional"]++
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(os.Stderr, "gencorpus: %d reports, %.1f MB in %s\n", *n, float64(bytes)/1e6, *out)
	for _, k := range keys {
		fmt.Fprintf(os.Stderr, "  %-12s %d\n", k, counts[k])
	}
	return nil
}

// file is one report file to write.
type file struct {
	name        string
	raw         []byte
	encoding    string
	traditional bool
	rep         *report
}

// makeFile generates report i of the corpus of seed; a plain one is a
// UTF-8 text file.
func makeFile(i int, seed uint64, filler []string, s2t *opencc.OpenCC, plain bool) (*file, error) {
	rng := rand.New(rand.NewPCG(seed, uint64(i)))
	rep := generate(rng, filler, plain)
	f := &file{rep: rep, encoding: corpus.EncUTF8}
	text := rep.text
	// One report in eight is in Traditional script (Taiwan forms, which
	// Big5 can encode), converted character by character as the real ones
	// are.
	if rng.IntN(8) == 0 {
		t, err := s2t.Convert(text)
		if err != nil {
			return nil, fmt.Errorf("report %d: traditional: %w", i, err)
		}
		a, err := s2t.Convert(rep.agency)
		if err != nil {
			return nil, fmt.Errorf("report %d: traditional: %w", i, err)
		}
		text, rep.agency, f.traditional = t, a, true
	}
	if rng.IntN(10) == 0 {
		text = strings.ReplaceAll(text, "\n", "\r\n")
	}
	var enc encoding.Encoding
	switch k := rng.IntN(10); {
	case plain:
	case rep.layout == layoutHTML && k < 8:
		// Pages declare their charset; most are UTF-8.
	case f.traditional && k < 5:
		enc, f.encoding = traditionalchinese.Big5, corpus.EncBig5
	case !f.traditional && k < 2:
		enc, f.encoding = simplifiedchinese.GB18030, corpus.EncGB18030
	}
	utf8Text := text
	if enc != nil && rep.layout == layoutHTML {
		text = strings.Replace(text, `charset="utf-8"`, `charset="`+f.encoding+`"`, 1)
	}
	f.raw = []byte(text)
	if enc != nil {
		raw, err := enc.NewEncoder().Bytes(f.raw)
		// A character Big5 lacks, or bytes that the readers' rule (the
		// cleanest decoding with the most report words) would take for
		// another encoding: keep the report in UTF-8.
		if back, got, derr := corpus.Decode(raw); err != nil || derr != nil || got != f.encoding || back != text {
			f.encoding, f.raw = corpus.EncUTF8, []byte(utf8Text)
		} else {
			f.raw = raw
		}
	}
	ext := ".txt"
	if rep.layout == layoutHTML {
		ext = ".html"
	}
	script := "s"
	if f.traditional {
		script = "t"
	}
	// One flat folder: tools/score.py finds reports by base name.
	f.name = fmt.Sprintf("r%06d_%d_%s_%s_%s%s", i, rep.year, rep.format, f.encoding, script, ext)
	for id := range rep.fields {
		if _, ok := schema.Lookup(id); !ok {
			return nil, fmt.Errorf("report %d: field %q is not in the schema", i, id)
		}
	}
	return f, nil
}

// writeGold writes the gold file of f as tools/score.py reads it.
func writeGold(dir string, f *file) error {
	fields := make(map[string]json.Number, len(f.rep.fields))
	for id, v := range f.rep.fields {
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return fmt.Errorf("gold %s: %s = %q", f.name, id, v)
		}
		fields[id] = json.Number(v)
	}
	g := struct {
		File   string                 `json:"file"`
		Agency string                 `json:"agency"`
		Year   int                    `json:"year"`
		Format string                 `json:"format"`
		Fields map[string]json.Number `json:"fields"`
	}{filepath.Base(f.name), f.rep.agency, f.rep.year, f.rep.format, fields}
	raw, err := json.MarshalIndent(g, "", " ")
	if err != nil {
		return err
	}
	path := filepath.Join(dir, strings.TrimSuffix(filepath.Base(f.name), filepath.Ext(f.name))+".json")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, raw, 0o644)
}

// fillerSentences returns the sentences of the Simplified sample reports
// that state no figure: no digits, no counting words, nothing about
// applications, fees, reviews or suits that a zero statement could hide in.
func fillerSentences(fsys fs.FS) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	err := fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(path, "_tw") {
			return err
		}
		raw, err := fs.ReadFile(fsys, path)
		if err != nil {
			return err
		}
		text, enc, err := corpus.Decode(raw)
		if err != nil {
			return fmt.Errorf("sample %s: %w", path, err)
		}
		if enc == corpus.EncBig5 {
			return nil
		}
		for _, s := range strings.SplitAfter(text, "。") {
			s = strings.TrimSpace(s)
			if !strings.HasSuffix(s, "。") || strings.ContainsAny(s, "0123456789０１２３４５６７８９\n\r\t|") ||
				strings.ContainsAny(s, "件条元宗份起项次个") || seen[s] {
				continue
			}
			n := len([]rune(s))
			if n < 15 || n > 150 || containsAny(s, "申请", "复议", "诉讼", "费", "咨询", "答复", "年度报告", "无", "没有", "未") {
				continue
			}
			seen[s] = true
			out = append(out, s)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) < 20 {
		return nil, fmt.Errorf("only %d filler sentences in the samples", len(out))
	}
	sort.Strings(out) // walk order is fixed, but make it obvious
	return out, nil
}

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
