package ui

import (
	tea "charm.land/bubbletea/v2"

	"gitui/internal/corpus"
)

// Reports that come from the extraction cache were not read in this load:
// the cache took their size and modification time as proof that they are
// unchanged. The explorer reads each such report again when it is opened,
// off the UI path, and marks one whose bytes are no longer those its
// figures were read from: they can no longer be checked against the file,
// and reviews keyed by the old content would be saved against it.

// fileCheckedMsg is the outcome of reading a report's file again.
type fileCheckedMsg struct {
	id      int32 // the entry
	changed bool
	err     error // reading the file failed: it is taken as changed
}

// checkSelected starts a check of the selected report's file, if it is
// from the cache and has not been checked.
func (m *Model) checkSelected() tea.Cmd {
	e := m.selected()
	if e == nil || e.rep == nil || !e.rep.Cached || e.checked || e.checking {
		return nil
	}
	e.checking = true
	id, r := m.sel, e.rep
	return func() tea.Msg {
		ok, err := r.Unchanged()
		return fileCheckedMsg{id: id, changed: !ok, err: err}
	}
}

// fileChecked marks a report whose file changed, says so if it is still
// the one shown, and has the cache distrust the file's entry so that the
// next load reads it again.
func (m *Model) fileChecked(msg fileCheckedMsg) tea.Cmd {
	if msg.id < 0 || int(msg.id) >= len(m.idx.entries) {
		return nil
	}
	e := m.idx.entries[msg.id]
	e.checked, e.checking = true, false
	if !msg.changed {
		return nil
	}
	e.changed = true
	if msg.id == m.sel {
		m.say(changedMessage(e, msg.err), true)
	}
	if m.cacheDir == "" {
		return nil
	}
	dir, path := m.cacheDir, e.rep.Path
	return func() tea.Msg {
		// Failing costs the user a stale report on the next load, which
		// the next check marks again: nothing to report now.
		_ = corpus.Distrust(dir, path)
		return nil
	}
}

func changedMessage(e *entry, err error) string {
	if err != nil {
		return e.name + " cannot be read again (" + err.Error() + "): its figures may be of an earlier version; reopen gitui to read it"
	}
	return e.name + " changed on disk since gitui read it: its figures are of the earlier version; reopen gitui to read it again"
}
