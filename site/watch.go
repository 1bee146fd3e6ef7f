package site

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/chorus-dev/chorus/content"
)

// watcher turns file events under a workspace into reloads: one goroutine
// collects events, waits until they stop for the debounce interval, then
// reloads, reading the content files the events named and taking the
// others from the parse cache.
type watcher struct {
	s    *Server
	fw   *fsnotify.Watcher
	root string
}

// newWatcher watches the workspace root and every folder under content/
// and styleguide/.
func (s *Server) newWatcher() (*watcher, error) {
	root, err := filepath.Abs(s.opts.Dir)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, err
	}
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	w := &watcher{s: s, fw: fw, root: root}
	w.addTree(filepath.Join(root, "content"))
	w.addTree(filepath.Join(root, "styleguide"))
	return w, nil
}

// addTree watches dir and every folder below it, skipping hidden ones.
// Folders that vanish meanwhile are skipped quietly.
func (w *watcher) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if err := w.fw.Add(p); err != nil && !os.IsNotExist(err) {
			w.s.log.Warn("cannot watch a folder", "folder", w.rel(p), "error", err.Error())
		}
		return nil
	})
}

func (w *watcher) rel(p string) string {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// relevant reports whether a change to the workspace path rel can change
// the snapshot: chorus.yaml, and anything under content/ or styleguide/
// except hidden files and editor temporaries.
func relevant(rel string) bool {
	if rel == content.ConfigFile {
		return true
	}
	if rel != "content" && rel != "styleguide" && !strings.HasPrefix(rel, "content/") && !strings.HasPrefix(rel, "styleguide/") {
		return false
	}
	base := rel[strings.LastIndexByte(rel, '/')+1:]
	switch {
	case strings.HasPrefix(base, "."), // hidden, Emacs lock files .#name, Vim .name.swp
		strings.HasSuffix(base, "~"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"),
		base == "4913": // Vim's probe file
		return false
	}
	return true
}

// run handles events until ctx is cancelled. It remembers which content
// files the events named, so that the reload reads only those and takes
// every other file from the parse cache unseen; an event it cannot pin to
// one content file (a folder, chorus.yaml, the style guide, a lost-event
// overflow) makes the reload look at every file instead.
func (w *watcher) run(ctx context.Context) {
	defer w.fw.Close()
	debounce := w.s.opts.Debounce
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	pending, everything := false, false
	changed := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			rel := w.rel(ev.Name)
			if !relevant(rel) {
				continue
			}
			dir := false
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
					w.addTree(ev.Name)
					dir = true
				}
			}
			if !dir && strings.HasPrefix(rel, "content/") && strings.HasSuffix(rel, ".md") {
				changed[rel] = true
			} else {
				everything = true
			}
			pending = true
			timer.Reset(debounce)
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			// An overflow loses events: read everything.
			w.s.log.Warn("file watcher", "error", err.Error())
			pending, everything = true, true
			timer.Reset(debounce)
		case <-timer.C:
			if !pending {
				continue
			}
			var only func(string) bool
			if !everything {
				set := changed
				only = func(p string) bool { return set[p] }
			}
			pending, everything = false, false
			changed = map[string]bool{}
			if err := w.s.reloadFiles(ctx, only); err != nil {
				everything = true // what this reload missed, the next one reads
			}
		}
	}
}
