package site

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chorus-dev/chorus/adapters"
)

// Write writes the static bundle of what is published at at (BuiltAt when
// at is zero) into dir, replacing what was there. The bundle answers the
// same questions as the HTTP API, so it can be mirrored to any static host
// or object store:
//
//	<dir>/manifest.json                         every item, variant and feed, with paths
//	<dir>/<channel>/<locale>/<id>.json          the variant envelope (canonical JSON)
//	<dir>/<channel>/<locale>/<id><ext>          the native body: .html, .txt, .eml, .ssml, .svg, ...
//	<dir>/<channel>/<locale>/<id>.body.json     the native body of a channel whose body is JSON
//	<dir>/feeds/<channel>/<locale>.rss          RSS 2.0
//	<dir>/feeds/<channel>/<locale>.atom         Atom (RFC 4287)
//	<dir>/feeds/<channel>/<locale>.json         JSON Feed 1.1
//
// Each variant is written in its own locale only; feeds list every item
// in the feed's locale, falling back along the configured locale chain.
// manifest.json names the version of the snapshot, the brand, and
// generated_for (RFC 3339) only when at is non-zero; nothing in the
// bundle depends on the clock, so two builds of the same input at the
// same at are byte-identical.
//
// The write is atomic: everything goes into a sibling folder
// <dir>.tmp-*, is flushed to disk, and then replaces dir by two renames.
// On any error the sibling is removed and dir is left as it was. Write
// refuses to replace a non-empty dir that has no manifest.json, so a
// mistyped -o cannot wipe a folder that is not a bundle. Variant files
// whose version is the same as in the bundle being replaced are
// hard-linked from it rather than written again, so a bundle's files must
// not be edited in place.
func (s *Snapshot) Write(dir string, at time.Time) error {
	name := dir
	dir, err := filepath.Abs(dir)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if parent == dir {
		return fmt.Errorf("writing %s: the bundle needs a folder of its own, not the file system root", name)
	}
	if err := checkReplaceable(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("writing %s: %w", dir, err)
	}
	tmp, err := os.MkdirTemp(parent, base+".tmp-")
	if err != nil {
		return fmt.Errorf("writing %s: %w", dir, err)
	}
	if err := s.writeTree(tmp, dir, at); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("writing %s: %w", dir, err)
	}
	if err := swap(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("writing %s: %w", dir, err)
	}
	return nil
}

// checkReplaceable makes sure dir is absent, empty, or an earlier bundle.
func checkReplaceable(dir string) error {
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("writing %s: %w", dir, err)
	case !fi.IsDir():
		return fmt.Errorf("writing %s: it exists and is not a folder", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err == nil {
		return nil
	}
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("writing %s: %w", dir, err)
	}
	defer f.Close()
	if names, _ := f.Readdirnames(1); len(names) > 0 {
		return fmt.Errorf("writing %s: refusing to replace a folder that is not a chorus bundle (it has no manifest.json)", dir)
	}
	return nil
}

// file is one file of the bundle: its slash path and where its bytes
// come from. Exactly one of make and stream is set, or neither when text
// holds the bytes.
type file struct {
	path    string
	text    string                           // the bytes, when they are at hand
	make    func(dst []byte) ([]byte, error) // the bytes, appended in one piece to dst
	stream  func(w *bufio.Writer) error      // the bytes, written piece by piece
	version string                           // the variant version for variant files, else ""
}

// files lists every file of the bundle for at, manifest last.
func (s *Snapshot) files(at time.Time) ([]file, *Manifest) {
	m := s.Manifest(at)
	t := s.at(at)
	out := make([]file, 0, 2*s.Stats.Variants+len(m.Feeds)+1)
	for _, mi := range m.Items {
		e := s.byKey[key(mi.ID, mi.Locale)]
		for _, mv := range mi.Variants {
			v := e.Variants[mv.Channel]
			out = append(out,
				file{path: mv.Path, make: func(dst []byte) ([]byte, error) { return adapters.AppendVariant(dst, v) }, version: v.Version},
				file{path: mv.Body, text: v.Body, version: v.Version})
		}
	}
	// The formats of one feed share the gathering of its items.
	data := map[string]func() *feedData{}
	for _, mf := range m.Feeds {
		k := key(mf.Channel, mf.Locale)
		d, ok := data[k]
		if !ok {
			d = sync.OnceValue(func() *feedData { return s.feedData(mf.Channel, mf.Locale, t) })
			data[k] = d
		}
		out = append(out, file{path: mf.Path, stream: func(w *bufio.Writer) error { return d().write(w, mf.Format) }})
	}
	out = append(out, file{path: "manifest.json", stream: func(w *bufio.Writer) error { return writeManifest(w, m) }})
	return out, m
}

// writeHook, when set by tests, runs before each file is written and
// can fail the write.
var writeHook func(rel string) error

// writers is how many goroutines write a bundle's files. Writing is
// mostly system calls that wait on the file system's locks and the disk
// as much as they use a CPU, so it pays to have more than GOMAXPROCS.
func writers() int { return min(4*runtime.GOMAXPROCS(0), 32) }

// bufSize is the size of each writer's buffer for streamed files.
const bufSize = 64 << 10

// writeTree writes every file of the bundle under root, in parallel, and
// flushes them to disk. Variant files whose version is unchanged since
// the bundle at old are hard-linked from it instead of written.
func (s *Snapshot) writeTree(root, old string, at time.Time) error {
	files, _ := s.files(at)
	reuse := reusableFiles(old, files)
	dirs, err := openFolders(root, old, files, len(reuse) > 0)
	defer func() {
		for _, d := range dirs {
			d.close()
		}
	}()
	if err != nil {
		return err
	}
	fl := startFlusher(root)
	bufs := make([]*bufio.Writer, writers())
	scratch := make([][]byte, len(bufs)) // each worker's buffer for made files
	err = eachParallel(len(files), len(bufs), func(worker, i int) error {
		f := &files[i]
		if writeHook != nil {
			if err := writeHook(f.path); err != nil {
				return err
			}
		}
		d, name := dirs[path.Dir(f.path)], path.Base(f.path)
		if reuse[f.path] && d.old != nil && d.new.link(d.old, name) == nil {
			return nil
		}
		if f.stream != nil && bufs[worker] == nil {
			bufs[worker] = bufio.NewWriterSize(nil, bufSize)
		}
		n, err := writeFile(d.new, name, f, bufs[worker], &scratch[worker])
		fl.wrote(n)
		return err
	})
	fl.stop()
	if err != nil {
		return err
	}
	return syncTree(root)
}

// flusher writes a tree being written to disk in the background, so that
// the disk works while more files are made and the final flush before the
// swap has little left to wait for. It flushes with syncTree whenever
// flushAhead more bytes have been written (never when flushAhead is 0).
type flusher struct {
	root  string
	dirty atomic.Int64
	kick  chan struct{}
	done  chan struct{}
}

func startFlusher(root string) *flusher {
	f := &flusher{root: root, kick: make(chan struct{}, 1), done: make(chan struct{})}
	go func() {
		defer close(f.done)
		for range f.kick {
			syncTree(f.root) // an error shows again in the final flush
		}
	}()
	return f
}

// wrote counts n more bytes written under the tree.
func (f *flusher) wrote(n int64) {
	if flushAhead == 0 || f.dirty.Add(n) < flushAhead {
		return
	}
	f.dirty.Store(0)
	select {
	case f.kick <- struct{}{}:
	default: // a flush is waiting to start; it will take these bytes too
	}
}

// stop waits for the flush under way, if any.
func (f *flusher) stop() {
	close(f.kick)
	<-f.done
}

// writeFile creates name in dir holding the bytes of f, and says how
// many it wrote; w buffers a streamed file and scratch, reused from one
// call to the next, holds a made one.
func writeFile(dir *folder, name string, f *file, w *bufio.Writer, scratch *[]byte) (int64, error) {
	var b []byte
	if f.make != nil {
		var err error
		if b, err = f.make((*scratch)[:0]); err != nil {
			return 0, fmt.Errorf("%s: %w", f.path, err)
		}
		*scratch = b
	}
	nf, err := dir.create(name)
	if err != nil {
		return 0, err
	}
	switch {
	case f.stream != nil:
		w.Reset(nf)
		if err = f.stream(w); err == nil {
			err = w.Flush()
		}
		w.Reset(nil)
	case f.make != nil:
		_, err = nf.Write(b)
	default:
		_, err = nf.WriteString(f.text)
	}
	if cerr := nf.close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nf.written, fmt.Errorf("%s: %w", f.path, err)
	}
	return nf.written, nil
}

// bundleFolder is a folder of the bundle being written, and the same
// folder in the bundle it replaces when files are linked from there.
type bundleFolder struct {
	new, old *folder
}

func (d bundleFolder) close() {
	d.new.close()
	if d.old != nil {
		d.old.close()
	}
}

// openFolders makes and opens the folders of files under root, by slash
// path ("." for root itself); with link, it also opens those of the
// bundle at old that exist.
func openFolders(root, old string, files []file, link bool) (map[string]bundleFolder, error) {
	dirs := map[string]bundleFolder{}
	for _, f := range files {
		if !safePath(f.path) {
			return dirs, fmt.Errorf("refusing to write %q outside the bundle", f.path)
		}
		d := path.Dir(f.path)
		if _, ok := dirs[d]; ok {
			continue
		}
		p := filepath.Join(root, filepath.FromSlash(d))
		if err := os.MkdirAll(p, 0o755); err != nil {
			return dirs, err
		}
		nd, err := openFolder(p)
		if err != nil {
			return dirs, err
		}
		bf := bundleFolder{new: nd}
		if link {
			bf.old, _ = openFolder(filepath.Join(old, filepath.FromSlash(d)))
		}
		dirs[d] = bf
	}
	return dirs, nil
}

// eachParallel calls fn(worker, i) for every i in [0, n) on workers
// goroutines, worker being the goroutine's number, and returns the first
// error; once a call fails, no new one starts.
func eachParallel(n, workers int, fn func(worker, i int) error) error {
	var next atomic.Int64
	var failed atomic.Bool
	var first error
	var once sync.Once
	var wg sync.WaitGroup
	for w := range min(workers, n) {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := fn(w, i); err != nil {
					once.Do(func() { first = err })
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return first
}

// reusableFiles lists the variant files of the bundle at old that hold
// exactly what files would write: the old manifest gives them the same
// version. Versions hash the variant, not its file, so one envelope is
// compared byte for byte first; if the envelope format changed, nothing
// is reused.
func reusableFiles(old string, files []file) map[string]bool {
	b, err := os.ReadFile(filepath.Join(old, "manifest.json"))
	if err != nil {
		return nil
	}
	// Only the variant files' paths and versions are read.
	var m struct {
		Items []struct {
			Variants []struct{ Path, Body, Version string }
		}
	}
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	was := make(map[string]string, 2*len(files))
	for _, it := range m.Items {
		for _, v := range it.Variants {
			if v.Version != "" {
				was[v.Path], was[v.Body] = v.Version, v.Version
			}
		}
	}
	reuse := make(map[string]bool, len(files))
	checked := false
	for _, f := range files {
		if f.version == "" || was[f.path] != f.version || !safePath(f.path) {
			continue
		}
		if !checked && strings.HasSuffix(f.path, ".json") && !strings.HasSuffix(f.path, ".body.json") {
			checked = true
			now, err := f.make(nil)
			then, rerr := os.ReadFile(filepath.Join(old, filepath.FromSlash(f.path)))
			if err != nil || rerr != nil || !bytes.Equal(now, then) {
				return nil
			}
		}
		reuse[f.path] = true
	}
	if !checked {
		return nil
	}
	return reuse
}

// safePath reports whether a bundle path stays inside the bundle.
func safePath(p string) bool {
	if p == "" || path.IsAbs(p) || strings.Contains(p, "\\") || strings.ContainsRune(p, 0) {
		return false
	}
	for _, part := range strings.Split(p, "/") {
		if part == "" || part == "." || part == ".." {
			return false
		}
	}
	return true
}

// swap puts the finished tree tmp in place of dir: dir moves aside, tmp
// moves in, the old tree is removed. If tmp cannot move in, dir is put
// back.
func swap(tmp, dir string) error {
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		aside, err := os.MkdirTemp(filepath.Dir(dir), filepath.Base(dir)+".old-")
		if err != nil {
			return err
		}
		if err := os.Remove(aside); err != nil {
			return err
		}
		if err := os.Rename(dir, aside); err != nil {
			return err
		}
		old = aside
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			if rerr := os.Rename(old, dir); rerr != nil {
				return fmt.Errorf("%w (and putting the old bundle back failed: %v; it is at %s)", err, rerr, old)
			}
		}
		return err
	}
	syncDir(filepath.Dir(dir))
	if old != "" {
		return removeTree(old)
	}
	return nil
}

// removeTree removes the bundle at dir. Its folders two levels down
// (<channel>/<locale>, feeds/<channel>) are emptied in parallel: removing
// files from different folders does not wait on one folder's lock.
func removeTree(dir string) error {
	var leaves []string
	tops, _ := os.ReadDir(dir)
	for _, t := range tops {
		if !t.IsDir() {
			continue
		}
		subs, _ := os.ReadDir(filepath.Join(dir, t.Name()))
		for _, s := range subs {
			if s.IsDir() {
				leaves = append(leaves, filepath.Join(dir, t.Name(), s.Name()))
			}
		}
	}
	err := eachParallel(len(leaves), writers(), func(_, i int) error { return os.RemoveAll(leaves[i]) })
	if rerr := os.RemoveAll(dir); err == nil {
		err = rerr
	}
	return err
}

// syncDir flushes a folder's entries (a rename in it) to disk; systems
// that cannot sync a folder are left to their own.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
