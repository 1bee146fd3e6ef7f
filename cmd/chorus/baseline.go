package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/chorus-dev/chorus/content"
)

// A baseline records the findings a team has accepted for now, so that CI
// fails only on new ones. It names each finding by file, rule and a hash
// of its message and the text of its line, never by line number: an edit
// above a known finding does not bring it back, while a change to the
// offending line itself does.

// baselineVersion is the version of the baseline file layout.
const baselineVersion = 1

// baselineFile is the JSON layout of a baseline file.
type baselineFile struct {
	Version  int             `json:"version"`
	Findings []baselineEntry `json:"findings"`
}

// baselineEntry is one kind of accepted finding and how many times it may
// occur. Message is there for the people reading the file; matching uses
// the hash only.
type baselineEntry struct {
	File    string `json:"file"`
	Rule    string `json:"rule"`
	Hash    string `json:"hash"`
	Count   int    `json:"count"`
	Message string `json:"message,omitempty"`
}

// baselineKey identifies a kind of finding in a baseline.
type baselineKey struct{ file, rule, hash string }

// baseline is a loaded baseline: how many findings of each kind are known.
type baseline map[baselineKey]int

// findingHash identifies a finding apart from where its line is: a hash of
// its rule, channel, message and the text of its line with runs of white
// space collapsed, so that re-indenting a line does not change it.
func findingHash(f content.Finding, lineText string) string {
	h := sha256.New()
	for _, part := range []string{f.Rule, f.Channel, f.Message, strings.Join(strings.Fields(lineText), " ")} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// readBaseline loads a baseline file. A missing, unreadable or malformed
// file is an error: a CI run must not pass because its baseline vanished.
func readBaseline(path string) (baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var file baselineFile
	if err := dec.Decode(&file); err != nil {
		return nil, fmt.Errorf("reading baseline %s: %w", path, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("reading baseline %s: more than one JSON value", path)
	}
	if file.Version != baselineVersion {
		return nil, fmt.Errorf("reading baseline %s: version %d, want %d (write it again with --write-baseline)", path, file.Version, baselineVersion)
	}
	b := make(baseline, len(file.Findings))
	for i, e := range file.Findings {
		if e.Rule == "" || e.Hash == "" || e.Count < 1 {
			return nil, fmt.Errorf("reading baseline %s: finding %d needs a rule, a hash and a count of at least 1", path, i+1)
		}
		b[baselineKey{e.File, e.Rule, e.Hash}] += e.Count
	}
	return b, nil
}

// filter drops the findings the baseline knows, each kind up to its
// recorded count, and returns the rest and how many it dropped. Findings
// are matched in order, so with more occurrences than recorded the later
// ones are reported.
func (b baseline) filter(found []content.Finding, lineText func(file string, line int) string) (kept []content.Finding, hidden int) {
	left := make(baseline, len(b))
	for k, n := range b {
		left[k] = n
	}
	for _, f := range found {
		k := baselineKey{f.Pos.File, f.Rule, findingHash(f, textOf(lineText, f))}
		if left[k] > 0 {
			left[k]--
			hidden++
			continue
		}
		kept = append(kept, f)
	}
	return kept, hidden
}

// writeBaseline records found as the accepted findings, replacing path
// atomically.
func writeBaseline(path string, found []content.Finding, lineText func(file string, line int) string) error {
	index := map[baselineKey]int{}
	var entries []baselineEntry
	for _, f := range found {
		k := baselineKey{f.Pos.File, f.Rule, findingHash(f, textOf(lineText, f))}
		if i, ok := index[k]; ok {
			entries[i].Count++
			continue
		}
		index[k] = len(entries)
		entries = append(entries, baselineEntry{File: k.file, Rule: k.rule, Hash: k.hash, Count: 1, Message: f.Message})
	}
	slices.SortFunc(entries, func(a, b baselineEntry) int {
		return strings.Compare(a.File+"\x00"+a.Rule+"\x00"+a.Hash, b.File+"\x00"+b.Rule+"\x00"+b.Hash)
	})
	if entries == nil {
		entries = []baselineEntry{}
	}
	var buf bytes.Buffer
	if err := encodeJSON(&buf, baselineFile{Version: baselineVersion, Findings: entries}); err != nil {
		return err
	}
	mode := newFileMode
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("writing baseline: %w", err)
	}
	if err := writeFileAtomic(path, buf.Bytes(), mode); err != nil {
		return fmt.Errorf("writing baseline: %w", err)
	}
	return nil
}

// newFileMode is the mode of a baseline file written for the first time.
const newFileMode fs.FileMode = 0o644

// textOf returns the text of f's line through lineText, or "".
func textOf(lineText func(file string, line int) string, f content.Finding) string {
	if lineText == nil || f.Pos.File == "" || f.Pos.Line < 1 {
		return ""
	}
	return lineText(f.Pos.File, f.Pos.Line)
}
