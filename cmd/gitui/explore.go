package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"

	"gitui/internal/corpus"
	"gitui/internal/review"
	"gitui/internal/samples"
	"gitui/internal/textsafe"
	"gitui/internal/ui"
)

// runExplorer opens the explorer on DIR, or on the bundled sample reports
// when no DIR is given. Reviews go to DIR/.gitui/reviews.jsonl unless
// --store names another file; the bundled samples are reviewed only with
// --store.
func runExplorer(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("gitui", "usage: gitui [flags] [DIR]", stderr)
	store := fs.String("store", "", "review log `FILE` (default DIR/.gitui/reviews.jsonl)")
	reviewer := fs.String("reviewer", "", "reviewer `NAME` recorded with each action (default $GITUI_REVIEWER or the user name)")
	readOnly := fs.Bool("read-only", false, "browse without reviewing")
	cache := fs.String("cache", "", "extraction cache `DIR` (default DIR/.gitui/cache, or the user cache dir when DIR is read-only)")
	if ok, code := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return exitUsage
	}
	dir := fs.Arg(0)
	if dir != "" {
		if st, err := os.Stat(dir); err != nil {
			fmt.Fprintf(stderr, "gitui: %s\n", textsafe.Line(err.Error()))
			return exitUsage
		} else if !st.IsDir() {
			fmt.Fprintf(stderr, "gitui: %s is not a folder\n", textsafe.Line(dir))
			return exitUsage
		}
	}

	if *cache == "" && dir != "" {
		// Reopening an unchanged corpus should extract nothing again.
		if d, err := corpus.DefaultCacheDir(dir); err == nil {
			*cache = d
		}
	}

	var session *review.Session
	var notice string
	if !*readOnly && (dir != "" || *store != "") {
		var st *review.Store
		var err error
		if *store != "" {
			st, err = review.Open(*store)
		} else {
			st, err = review.OpenCorpus(dir)
		}
		if err == nil {
			err = st.CheckWritable()
		}
		if err != nil {
			notice = "reviews disabled: " + err.Error()
			fmt.Fprintf(stderr, "gitui: %s\n", textsafe.Line(notice))
		} else {
			session = review.NewSession(st, review.Reviewer(*reviewer))
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	opt := corpus.Options{CacheDir: *cache}
	var events <-chan corpus.Event
	if dir == "" {
		events = corpus.LoadFS(ctx, samples.FS(), opt)
	} else {
		events = corpus.Load(ctx, []string{dir}, opt)
	}

	m := ui.New(ui.Options{
		Root:     dir,
		Events:   events,
		NoColor:  os.Getenv("NO_COLOR") != "",
		Review:   session,
		Notice:   notice,
		CacheDir: *cache,
	})
	p := tea.NewProgram(m, tea.WithInput(stdin), tea.WithOutput(stdout), tea.WithContext(ctx))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		fmt.Fprintf(stderr, "gitui: %v\n", err)
		return exitProblems
	}
	return exitOK
}
