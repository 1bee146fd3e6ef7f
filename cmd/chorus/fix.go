package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/chorus-dev/chorus/content"
)

// appliedFix is one fix written to a file: the finding it repaired and
// the text it replaced.
type appliedFix struct {
	finding content.Finding
	old     string
}

// String describes the change the way `chorus check --fix` prints it:
// file:line:col: rule: "e-mail" → "email".
func (a appliedFix) String() string {
	return fmt.Sprintf("%s: %s: %q → %q", a.finding.Pos, a.finding.Rule, a.old, a.finding.Fix.Replace)
}

// applyFixes writes the fixes of found into the files under root. Each
// file is read, checked against the copy the findings were computed from
// (checked, when known), changed back to front so earlier offsets stay
// true, and replaced atomically with its mode kept. Of fixes that overlap,
// the first in file order wins; the rest are left for the next run. A
// file that fails is reported in the error and the other files are still
// fixed. The changes come back in file and offset order.
func applyFixes(root string, found []content.Finding, checked func(file string) ([]byte, bool)) ([]appliedFix, error) {
	byFile := map[string][]content.Finding{}
	var files []string
	for _, f := range found {
		if f.Fix == nil || f.Pos.File == "" {
			continue
		}
		if _, ok := byFile[f.Pos.File]; !ok {
			files = append(files, f.Pos.File)
		}
		byFile[f.Pos.File] = append(byFile[f.Pos.File], f)
	}
	slices.Sort(files)

	var applied []appliedFix
	var errs []error
	for _, file := range files {
		done, err := fixFile(root, file, byFile[file], checked)
		applied = append(applied, done...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	return applied, errors.Join(errs...)
}

// fixFile applies the fixes of one file.
func fixFile(root, file string, found []content.Finding, checked func(file string) ([]byte, bool)) ([]appliedFix, error) {
	if !filepath.IsLocal(filepath.FromSlash(file)) {
		return nil, fmt.Errorf("fixing %s: the path leaves the workspace", file)
	}
	path := filepath.Join(root, filepath.FromSlash(file))
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("fixing %s: %w", file, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("fixing %s: %w", file, err)
	}
	if want, ok := checked(file); ok && !bytes.Equal(want, data) {
		return nil, fmt.Errorf("fixing %s: the file changed while it was being checked; run the check again", file)
	}

	slices.SortStableFunc(found, func(a, b content.Finding) int {
		if a.Fix.Offset != b.Fix.Offset {
			return a.Fix.Offset - b.Fix.Offset
		}
		return a.Fix.End - b.Fix.End
	})
	var chosen []appliedFix
	end := -1 // end of the last chosen fix
	for _, f := range found {
		fx := f.Fix
		if fx.Offset < 0 || fx.End < fx.Offset || fx.End > len(data) {
			continue
		}
		if len(chosen) > 0 && (fx.Offset < end || fx.Offset == chosen[len(chosen)-1].finding.Fix.Offset) {
			continue // overlaps the fix before it
		}
		old := string(data[fx.Offset:fx.End])
		if old == fx.Replace {
			continue
		}
		chosen = append(chosen, appliedFix{finding: f, old: old})
		end = fx.End
	}
	if len(chosen) == 0 {
		return nil, nil
	}

	out := data
	for i := len(chosen) - 1; i >= 0; i-- {
		fx := chosen[i].finding.Fix
		out = slices.Concat(out[:fx.Offset:fx.Offset], []byte(fx.Replace), out[fx.End:])
	}
	if err := writeFileAtomic(path, out, st.Mode().Perm()); err != nil {
		return nil, fmt.Errorf("fixing %s: %w", file, err)
	}
	return chosen, nil
}

// writeFileAtomic replaces path with data so that a reader sees either the
// old file or the whole new one, never a part: it writes a temporary file
// in the same folder, flushes it to disk and renames it over path. A
// symbolic link is followed, so the file it points to is replaced.
func writeFileAtomic(path string, data []byte, mode fs.FileMode) (err error) {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".chorus-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Flush the rename itself; some systems cannot sync a folder, and the
	// data is safe either way.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
